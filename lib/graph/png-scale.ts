/** The longest side of an exported PNG, in pixels. */
export const PNG_MAX_SIDE = 8000;
/** The most pixels an exported PNG has: the largest canvas every current browser draws (Safari's). */
export const PNG_MAX_AREA = 16_777_216;

/**
 * The scale to export a drawing of `width` × `height` (graph units) at: twice its size, sharp on
 * high-density screens, or less when that would pass PNG_MAX_SIDE or PNG_MAX_AREA, where the
 * browser would refuse the canvas.
 */
export function pngScale(width: number, height: number): number {
  const w = Math.max(width, 1);
  const h = Math.max(height, 1);
  return Math.min(2, PNG_MAX_SIDE / w, PNG_MAX_SIDE / h, Math.sqrt(PNG_MAX_AREA / (w * h)));
}
