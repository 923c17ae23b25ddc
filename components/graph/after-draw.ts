import type { Core } from 'cytoscape';
import type { RenderTier } from './graph-canvas';

/**
 * Calls `cb` once the frame in which cytoscape drew its latest change is on screen: cytoscape
 * draws in a requestAnimationFrame callback and emits `render`; a message posted from there
 * is handled right after that frame. (Waiting for the next animation frame instead would also
 * wait for the work cytoscape does in that frame, caching textures.) The WebGL renderer emits
 * no render event: there, after the next frame. Returns a cancel function.
 */
export function afterDraw(cy: Core, tier: RenderTier, cb: () => void): () => void {
  let cancelled = false;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (!cancelled) cb();
  };
  const post = () => channel.port2.postMessage(null);
  let frame = 0;
  if (tier !== 'webgl') cy.one('render', post);
  else frame = requestAnimationFrame(post);
  return () => {
    cancelled = true;
    channel.port1.close();
    cy.removeListener('render', post);
    if (frame) cancelAnimationFrame(frame);
  };
}
