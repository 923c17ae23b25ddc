import { describe, expect, it } from 'vitest';
import { PNG_MAX_AREA, PNG_MAX_SIDE, pngScale } from './png-scale';

describe('pngScale', () => {
  it.each([
    [1200, 800, 2],
    [3000, 3000, Math.sqrt(PNG_MAX_AREA / 9_000_000)],
    [1500, 30_000, PNG_MAX_SIDE / 30_000],
    [0, 0, 2],
  ])('%i × %i → %f', (w, h, scale) => {
    expect(pngScale(w, h)).toBeCloseTo(scale, 10);
  });

  it('keeps every side and the area within the limits', () => {
    for (const [w, h] of [
      [9000, 200],
      [5000, 5000],
      [2500, 60_000],
    ] as const) {
      const s = pngScale(w, h);
      expect(Math.ceil(w * s)).toBeLessThanOrEqual(PNG_MAX_SIDE);
      expect(Math.ceil(h * s)).toBeLessThanOrEqual(PNG_MAX_SIDE);
      expect(w * s * h * s).toBeLessThanOrEqual(PNG_MAX_AREA + 1);
    }
  });
});
