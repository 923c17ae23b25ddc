import { describe, expect, it } from 'vitest';
import { graphStylesheet } from './graph-style';

describe('graphStylesheet', () => {
  it.each([false, true])(
    'gives node labels a background in every view (big: %s), so edges do not cross them',
    (big) => {
      const node = graphStylesheet('sans-serif', big).find((b) => b.selector === 'node')!;
      expect(node.style['text-background-color']).toBe('#ffffff');
      expect(node.style['text-background-opacity']).toBeGreaterThan(0.5);
    },
  );
});
