import type { Core } from 'cytoscape';

/** What this file uses of cytoscape's canvas renderer (3.x internals, not its public API). */
interface CanvasRenderer {
  data?: { lyrTxrCache?: { firstGet?: boolean }; canvasNeedsRedraw?: boolean[] };
  DRAG?: number;
  SELECT_BOX?: number;
  prevPxRatio?: number;
  getPixelRatio?: () => number;
  beforeRender?: (fn: () => void, priority: number) => void;
  beforeRenderCallbacks?: { fn: () => void }[];
  drawCachedElement?: unknown;
  drawElement?: unknown;
}

type DrawElement = (this: CanvasRenderer, context: CanvasRenderingContext2D, ele: unknown) => void;

/**
 * Has cytoscape's canvas renderer draw its next frame (the first, with the first viewport's
 * elements) with less work, skipping what only later frames profit from:
 *
 * - It draws every element into a texture and copies the textures to the screen; on its very
 *   first frame, it also draws them all into a layer texture as large as their bounds. Making
 *   those textures costs more than drawing the elements: here they are drawn directly.
 * - It clears its layers for dragged elements and for the selection box, which hold nothing
 *   here yet; clearing a canvas for the first time allocates it.
 *
 * From the next frame on the renderer works as it always does, and builds its caches lazily,
 * as after any change. In a new tab, a graph of 2,000 elements was ready 80 ms sooner for the
 * first and 50 ms sooner for the second (medians, bench/graph-ab.ts).
 *
 * Returns whether it could: false when the renderer is not the canvas renderer this was written
 * for (the WebGL renderer, or a cytoscape whose internals have changed), which then draws as
 * usual.
 */
export function drawFirstFrameDirectly(cy: Core): boolean {
  const r = (cy as unknown as { renderer(): CanvasRenderer | undefined }).renderer();
  const direct = r?.drawElement;
  const needsRedraw = r?.data?.canvasNeedsRedraw;
  if (
    !r ||
    r.data?.lyrTxrCache?.firstGet !== true ||
    typeof r.drawCachedElement !== 'function' ||
    Object.hasOwn(r, 'drawCachedElement') ||
    typeof direct !== 'function' ||
    !needsRedraw ||
    typeof r.DRAG !== 'number' ||
    typeof r.SELECT_BOX !== 'number' ||
    typeof r.getPixelRatio !== 'function' ||
    typeof r.beforeRender !== 'function' ||
    !Array.isArray(r.beforeRenderCallbacks)
  ) {
    return false;
  }
  const { DRAG, SELECT_BOX } = r;
  // Queue the layer's elements instead of drawing them all into it now.
  r.data!.lyrTxrCache!.firstGet = false;
  // Draw each element with its label directly instead of through its texture; the prototype's
  // method is back once the frame is drawn.
  r.drawCachedElement = function (
    this: CanvasRenderer,
    context: CanvasRenderingContext2D,
    ele: unknown,
  ) {
    (direct as DrawElement).call(this, context, ele);
  };
  // The canvases were sized when cytoscape mounted: the first frame need not size them again,
  // which would also mark every layer for redrawing. Just before the frame (lowest priority, so
  // after cytoscape's own callbacks), the two empty layers are marked as needing nothing.
  r.prevPxRatio = r.getPixelRatio();
  const skipEmptyLayers = () => {
    needsRedraw[DRAG] = false;
    needsRedraw[SELECT_BOX] = false;
  };
  r.beforeRender(skipEmptyLayers, Number.MIN_SAFE_INTEGER);
  cy.one('render', () => {
    delete r.drawCachedElement;
    r.beforeRenderCallbacks = r.beforeRenderCallbacks!.filter((c) => c.fn !== skipEmptyLayers);
  });
  return true;
}
