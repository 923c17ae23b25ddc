import type { CSSProperties } from 'react';

/** An edge's explanation, where the pointer (or the tap) is on the canvas. */
export interface EdgeTip {
  x: number;
  y: number;
  text: string;
  /** The canvas's size when it was shown. */
  width: number;
  height: number;
}

/**
 * Where an edge's explanation goes: right of and below the pointer, as wide as it needs up to
 * 320 px; moved left when it would cross the canvas's right edge, and above the pointer in the
 * canvas's bottom quarter, so it is never cut off or squeezed into a narrow column.
 */
function tooltipPlace(t: EdgeTip): CSSProperties {
  const maxWidth = Math.min(320, t.width - 16);
  const left = Math.max(8, Math.min(t.x + 12, t.width - 8 - maxWidth));
  const above = t.y > t.height * 0.75;
  return {
    left,
    maxWidth,
    width: 'max-content',
    top: above ? t.y - 12 : t.y + 12,
    transform: above ? 'translateY(-100%)' : undefined,
  };
}

/** The explanation of the hovered (or tapped) edge, drawn over the canvas. */
export function EdgeTooltip({ tip }: { tip: EdgeTip }) {
  return (
    <div
      role="tooltip"
      data-testid="edge-tooltip"
      className="pointer-events-none absolute z-10 rounded-md bg-slate-900/90 px-2.5 py-1.5 text-xs leading-snug text-white shadow-lg"
      style={tooltipPlace(tip)}
    >
      {tip.text}
    </div>
  );
}
