import type { ElementDef } from './to-elements';

/** The font a label is drawn with and the width it may take (mirrors `graphStylesheet`). */
export interface LabelFont {
  size: number;
  weight: 'normal' | '600';
  maxWidth: number;
}

const ELLIPSIS = '\u2026';

/**
 * The font and room of a node's one-line label, or undefined when the node has none or wraps
 * it (folded namespace tiles). Keep in step with the stylesheet in `graph-style.ts`.
 */
export function labelFontOf(e: ElementDef): LabelFont | undefined {
  if (e.group !== 'nodes' || typeof e.data.label !== 'string' || !e.data.label) return undefined;
  const classes = e.classes.split(' ');
  if (classes.includes('band') || classes.includes('k-Namespace')) return undefined;
  if (classes.includes('band-label')) return { size: 15, weight: '600', maxWidth: 600 };
  const weight = classes.includes('highlighted') ? '600' : 'normal';
  if (classes.includes('k-Permission')) return { size: 12, weight, maxWidth: 230 };
  if (classes.includes('k-Pod')) return { size: 12, weight, maxWidth: 185 };
  return { size: 13, weight, maxWidth: 185 };
}

/**
 * Shortens each one-line node label that is wider than its room to the longest prefix that
 * fits with an ellipsis, the way cytoscape's `text-wrap: ellipsis` does; but measured once
 * here, so cytoscape can draw with `text-wrap: none` instead of measuring the label again
 * every time it lays it out or draws it. `measure` gives the width of a text in a font.
 * Returns new element definitions; the input is not changed.
 */
export function fitLabels(
  elements: ElementDef[],
  measure: (text: string, font: LabelFont) => number,
): ElementDef[] {
  return elements.map((e) => {
    const font = labelFontOf(e);
    if (!font) return e;
    const text = e.data.label as string;
    // Like cytoscape: a label fits when its (rounded-up) width is below the room.
    if (Math.ceil(measure(text, font)) < font.maxWidth) return e;
    // The longest prefix p with width(p + …) ≤ room; widths grow with the prefix.
    let lo = 0;
    let hi = text.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (Math.ceil(measure(text.slice(0, mid) + ELLIPSIS, font)) <= font.maxWidth) lo = mid;
      else hi = mid - 1;
    }
    return { ...e, data: { ...e.data, label: text.slice(0, lo) + ELLIPSIS } };
  });
}
