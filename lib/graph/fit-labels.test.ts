import { describe, expect, it } from 'vitest';
import { fitLabels, labelFontOf, type LabelFont } from './fit-labels';
import type { ElementDef } from './to-elements';

const node = (label: string, classes: string): ElementDef => ({
  group: 'nodes',
  data: { id: label, label },
  classes,
});

// A monospace stand-in for the canvas: every character is as wide as the font size / 2.
const measure = (text: string, font: LabelFont) =>
  [...text].length * (font.size / 2) * (font.weight === '600' ? 1.1 : 1);

describe('labelFontOf: the font and room of a label, as the stylesheet draws it', () => {
  it.each<[string, LabelFont | undefined]>([
    ['k-ServiceAccount', { size: 13, weight: 'normal', maxWidth: 185 }],
    ['k-Role missing', { size: 13, weight: 'normal', maxWidth: 185 }],
    ['k-Role highlighted', { size: 13, weight: '600', maxWidth: 185 }],
    ['k-Pod faded', { size: 12, weight: 'normal', maxWidth: 185 }],
    ['k-Permission', { size: 12, weight: 'normal', maxWidth: 230 }],
    ['band-label', { size: 15, weight: '600', maxWidth: 600 }],
    ['k-Namespace', undefined],
    ['band', undefined],
  ])('%s → %j', (classes, font) => {
    expect(labelFontOf(node('x', classes))).toEqual(font);
  });

  it('edges and nodes without a label have none', () => {
    expect(labelFontOf({ group: 'edges', data: { id: 'a->b' }, classes: 'e-grants' })).toBe(
      undefined,
    );
    expect(labelFontOf(node('', 'k-User'))).toBe(undefined);
  });
});

describe('fitLabels: the longest prefix that fits, with an ellipsis, like text-wrap: ellipsis', () => {
  // 13 px → 6.5 px a character: 28 characters (182 px) fit in 185 px, 29 (188.5 px) do not.
  it.each<[number, string]>([
    [10, 'a'.repeat(10)],
    [28, 'a'.repeat(28)],
    [29, `${'a'.repeat(27)}\u2026`],
    [200, `${'a'.repeat(27)}\u2026`],
  ])('%d characters at 13 px → %j', (n, expected) => {
    const [out] = fitLabels([node('a'.repeat(n), 'k-User')], measure);
    expect(out!.data.label).toBe(expected);
  });

  it('permission tags get 230 px, band titles 600 px; wrapped tiles are left alone', () => {
    const long = 'x'.repeat(120);
    const [perm, band, tile] = fitLabels(
      [node(long, 'k-Permission'), node(long, 'band-label'), node(long, 'k-Namespace')],
      measure,
    );
    // 12 px → 6 px: 38 characters (228 px) fit; with the ellipsis, 37 + 1.
    expect(perm!.data.label).toBe(`${'x'.repeat(37)}\u2026`);
    // 15 px bold → 8.25 px: 72 characters (594 px) fit; with the ellipsis, 71 + 1.
    expect(band!.data.label).toBe(`${'x'.repeat(71)}\u2026`);
    expect(tile!.data.label).toBe(long);
  });

  it('returns new definitions and leaves the input and labels that fit untouched', () => {
    const short = node('short', 'k-User');
    const long = node('y'.repeat(50), 'k-User');
    const out = fitLabels([short, long], measure);
    expect(out[0]).toBe(short);
    expect(out[1]).not.toBe(long);
    expect(long.data.label).toBe('y'.repeat(50));
  });
});
