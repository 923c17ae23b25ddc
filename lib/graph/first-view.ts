import type { GraphBand, GraphModel } from './model';
import { LABEL_REACH, modelBounds, type ElementDef } from './to-elements';

/** A zoom level and the pan that goes with it, as cytoscape takes them. */
export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

/** A box in graph coordinates. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Zoom limits of the canvas (cytoscape's minZoom and maxZoom). */
export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 3;

const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

/**
 * Room kept clear around what a first look fits into the canvas: 20 px at the sides and the
 * bottom, and at the top the height of the canvas's buttons (top right, 12 px down, 28 px high)
 * and 12 px under them, so they cover nothing drawn.
 */
export const INSET = { top: 52, side: 20, bottom: 20 };

/**
 * The viewport that shows `box` whole on a canvas of `width` × `height` pixels, centred in
 * the room left by INSET, at no more than `maxZoom`.
 */
export function fitViewport(box: Box, width: number, height: number, maxZoom: number): Viewport {
  const w = Math.max(box.x2 - box.x1, 1);
  const h = Math.max(box.y2 - box.y1, 1);
  const roomW = width - 2 * INSET.side;
  const roomH = height - INSET.top - INSET.bottom;
  const zoom = clampZoom(Math.min(maxZoom, roomW / w, roomH / h));
  return {
    zoom,
    pan: {
      x: INSET.side + (roomW - w * zoom) / 2 - box.x1 * zoom,
      y: INSET.top + (roomH - h * zoom) / 2 - box.y1 * zoom,
    },
  };
}

/**
 * A first look that can be read, for a canvas of `width` × `height` pixels, from the model
 * alone: the whole graph when it fits at a readable zoom (a highlighted path stands out in it,
 * with what surrounds it: the Pods, the namespaces' titles); else the highlighted path when
 * there is one, with the bands of its namespaces (their width and titles) when that can be read,
 * else alone, at most 1.2× (from its namespace's left edge when even that would be unreadable);
 * else, in a focused view, the focused node in its namespace (`viewportInBand`); else the left
 * of the graph at the width that fits (within readable limits), from its top (below the
 * canvas's buttons) or, when shorter than the canvas, centred in the room below the buttons.
 */
export function initialViewport(model: GraphModel, width: number, height: number): Viewport {
  const b = modelBounds(model);
  const w = b.x2 - b.x1;
  const h = b.y2 - b.y1;
  if (w <= 0 || h <= 0) return { zoom: 1, pan: { x: 0, y: 0 } };
  const whole = fitViewport(b, width, height, 1.15);
  if (whole.zoom >= READABLE_FIT) return whole;
  const highlighted = new Set(model.meta.highlight);
  if (highlighted.size > 0) {
    const path = model.nodes.filter((n) => highlighted.has(n.id));
    const hb = modelBounds({ ...model, bands: [], nodes: path });
    if (hb.x2 > hb.x1) {
      // The path in its namespaces: their bands' width and titles, when that is readable.
      const context = { ...hb };
      for (const band of model.bands) {
        if (!path.some((n) => holds(band, n))) continue;
        context.x1 = Math.min(context.x1, band.x);
        context.x2 = Math.max(context.x2, band.x + band.width);
        context.y1 = Math.min(context.y1, band.y);
      }
      const inContext = fitViewport(context, width, height, 1.2);
      if (inContext.zoom >= READABLE_FIT) return inContext;
      // The path alone, with 80 px around it; on a canvas too narrow for that to be read (a
      // phone), its start at a readable zoom, from its namespace's left edge (the title, the
      // Pods), the rest a pan away.
      const fits = Math.min(
        (width - 160) / (hb.x2 - hb.x1),
        (height - 160) / Math.max(hb.y2 - hb.y1, 1),
        1.2,
      );
      const cy = (hb.y1 + hb.y2) / 2;
      if (fits < readableZoom(width)) {
        const zoom = readableZoom(width);
        return { zoom, pan: { x: INSET.side - context.x1 * zoom, y: height / 2 - cy * zoom } };
      }
      const zoom = clampZoom(fits);
      const cx = (hb.x1 + hb.x2) / 2;
      return { zoom, pan: { x: width / 2 - cx * zoom, y: height / 2 - cy * zoom } };
    }
  }
  // A phone's canvas shows the left of the graph at a zoom its labels can be read at.
  const zoom = clampZoom(
    Math.min(1.1, Math.max(readableZoom(width), (width - 2 * INSET.side) / w)),
  );
  // A focused view shows its focus, with the graph around it.
  const focus = model.meta.focus ? model.nodes.find((n) => n.id === model.meta.focus) : undefined;
  if (focus) {
    const at = { x: focus.x ?? 0, y: focus.y ?? 0 };
    return viewportInBand(at, zoom, bandAt(model, at), b, width, height);
  }
  // A graph shorter than the room below the canvas's buttons is centred in it; a taller one
  // starts there.
  const roomH = height - INSET.top - INSET.bottom;
  const y = INSET.top + Math.max(0, (roomH - h * zoom) / 2);
  return { zoom, pan: { x: INSET.side - b.x1 * zoom, y: y - b.y1 * zoom } };
}

/** Canvases narrower than this (phones) get a first look that can be read, not the most. */
const NARROW = 640;

/** The least zoom at which a first look shows a whole graph, or a path in its namespaces. */
const READABLE_FIT = 0.55;

/** The least zoom a first look draws at when it cannot show all it would: labels stay legible. */
const readableZoom = (width: number) => (width < NARROW ? 0.7 : 0.45);

/**
 * The viewport that shows the point `at` at `zoom` on a canvas of `width` × `height` pixels:
 * centred on it, but never showing more than `margin` pixels past the graph's edges (`bounds`)
 * when the graph is larger than the canvas, so a node near an edge of the graph is shown with
 * the graph beside it, not with half a canvas of nothing; a graph narrower (or shorter) than
 * the canvas is centred on that axis.
 */
export function viewportAround(
  at: { x: number; y: number },
  zoom: number,
  bounds: Box,
  width: number,
  height: number,
  margin = 20,
): Viewport {
  const axis = (c: number, lo: number, hi: number, size: number) => {
    const span = (hi - lo) * zoom;
    if (span + 2 * margin <= size) return (size - span) / 2 - lo * zoom;
    const centred = size / 2 - c * zoom;
    return Math.min(margin - lo * zoom, Math.max(size - margin - hi * zoom, centred));
  };
  return {
    zoom,
    pan: {
      x: axis(at.x, bounds.x1, bounds.x2, width),
      y: axis(at.y, bounds.y1, bounds.y2, height),
    },
  };
}

/** Whether a band holds a point (a node's position). */
function holds(band: GraphBand, p: { x?: number; y?: number }): boolean {
  const x = p.x ?? 0;
  const y = p.y ?? 0;
  return x >= band.x && x <= band.x + band.width && y >= band.y && y <= band.y + band.height;
}

/** The box of the band (a namespace, or the cluster-wide grants) that holds a point, if one does. */
export function bandAt(model: GraphModel, p: { x: number; y: number }): Box | undefined {
  const band = model.bands.find((b) => holds(b, p));
  return band && { x1: band.x, y1: band.y, x2: band.x + band.width, y2: band.y + band.height };
}

/**
 * The viewport that shows the node at `at` in its namespace, so that what is drawn says where
 * the node is: at `preferred` zoom, or at less (not below `least`) when that shows the whole
 * width of the band that holds it (`band`), or else the band's start and the node. On each
 * axis where the whole graph does not fit, the band is centred in the room below the canvas's
 * buttons when it fits there; else its start (its title, its Pods) is at the room's start, when
 * the node and its label still fit; else, and where the graph fits, the node is placed as
 * `viewportAround` places it.
 */
export function viewportInBand(
  at: { x: number; y: number },
  preferred: number,
  band: Box | undefined,
  bounds: Box,
  width: number,
  height: number,
  least = preferred,
): Viewport {
  if (!band) return viewportAround(at, preferred, bounds, width, height);
  const roomW = width - 2 * INSET.side;
  const roomH = height - INSET.top - INSET.bottom;
  // The least zoom-out that shows the band's whole width, else its start and the node.
  const wholeBand = roomW / Math.max(band.x2 - band.x1, 1);
  const bandStart = roomW / Math.max(at.x + LABEL_REACH - band.x1, 1);
  const zoom = Math.min(
    preferred,
    wholeBand >= least ? wholeBand : bandStart >= least ? bandStart : preferred,
  );
  const around = viewportAround(at, zoom, bounds, width, height);
  const axis = (
    c: number,
    lo: number,
    hi: number,
    graph: number,
    inset: number,
    room: number,
    reach: number,
  ) => {
    if (graph * zoom <= room) return undefined;
    if ((hi - lo) * zoom <= room + 1e-9) return inset + (room - (hi - lo) * zoom) / 2 - lo * zoom;
    if ((c + reach - lo) * zoom <= room) return inset - lo * zoom;
    return undefined;
  };
  const graphW = bounds.x2 - bounds.x1;
  const graphH = bounds.y2 - bounds.y1;
  return {
    zoom,
    pan: {
      x: axis(at.x, band.x1, band.x2, graphW, INSET.side, roomW, LABEL_REACH) ?? around.pan.x,
      y: axis(at.y, band.y1, band.y2, graphH, INSET.top, roomH, 30) ?? around.pan.y,
    },
  };
}

/** The part of the graph a viewport shows on a canvas of `width` × `height` pixels. */
export function visibleBox(v: Viewport, width: number, height: number): Box {
  return {
    x1: -v.pan.x / v.zoom,
    y1: -v.pan.y / v.zoom,
    x2: (width - v.pan.x) / v.zoom,
    y2: (height - v.pan.y) / v.zoom,
  };
}

/**
 * How far a node's drawing may reach from its position, with its label: a tag centred on it
 * (permission tags are at most 240 wide), a label right of it (at most 185 wide, 7 from a
 * 24-wide node), a folded namespace tile centred on it; band labels hang right, up to 600.
 */
function nodeBox(e: ElementDef): Box {
  const x = e.position?.x ?? 0;
  const y = e.position?.y ?? 0;
  if (e.classes === 'band') {
    const w = Number(e.data.w) || 0;
    const h = Number(e.data.h) || 0;
    return { x1: x - w / 2, y1: y - h / 2, x2: x + w / 2, y2: y + h / 2 };
  }
  if (e.classes === 'band-label') return { x1: x, y1: y - 15, x2: x + 600, y2: y + 15 };
  return { x1: x - 130, y1: y - 30, x2: x + 230, y2: y + 30 };
}

const meets = (a: Box, b: Box) => a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;

/**
 * Splits elements to add into what a box shows and the rest: nodes whose drawing meets the
 * box, edges whose straight line meets it (its bounding box does), and the ends of those
 * edges (cytoscape needs them). `first` and `rest` keep the input's order; nodes and edges
 * whose ends are not among `elements` (already drawn) are split the same way.
 */
export function splitByBox(
  elements: ElementDef[],
  box: Box,
): { first: ElementDef[]; rest: ElementDef[] } {
  const where = new Map<string, { x: number; y: number }>();
  const inFirst = new Set<string>();
  for (const e of elements) {
    if (e.group !== 'nodes') continue;
    const id = e.data.id as string;
    where.set(id, e.position ?? { x: 0, y: 0 });
    if (meets(nodeBox(e), box)) inFirst.add(id);
  }
  const edgesFirst = new Set<string>();
  for (const e of elements) {
    if (e.group !== 'edges') continue;
    const s = where.get(e.data.source as string);
    const t = where.get(e.data.target as string);
    // An end drawn already: the edge goes first when its other end does.
    if (!s || !t) {
      const other = (s ? e.data.source : e.data.target) as string;
      if (!s && !t) edgesFirst.add(e.data.id as string);
      else if (inFirst.has(other)) edgesFirst.add(e.data.id as string);
      continue;
    }
    const line = {
      x1: Math.min(s.x, t.x),
      y1: Math.min(s.y, t.y),
      x2: Math.max(s.x, t.x),
      y2: Math.max(s.y, t.y),
    };
    if (!meets(line, box)) continue;
    edgesFirst.add(e.data.id as string);
    inFirst.add(e.data.source as string);
    inFirst.add(e.data.target as string);
  }
  const first: ElementDef[] = [];
  const rest: ElementDef[] = [];
  for (const e of elements) {
    const id = e.data.id as string;
    const shown = e.group === 'nodes' ? inFirst.has(id) : edgesFirst.has(id);
    (shown ? first : rest).push(e);
  }
  return { first, rest };
}
