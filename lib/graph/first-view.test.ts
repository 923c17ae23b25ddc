import { describe, expect, it } from 'vitest';
import { Authorizer } from '../rbac/authorizer';
import { binding, named, role, rule, snapshot } from '../rbac/test-builders';
import type { RbacSnapshot } from '../rbac/types';
import { buildGraphModel } from './build-model';
import {
  bandAt,
  fitViewport,
  INSET,
  initialViewport,
  splitByBox,
  viewportAround,
  viewportInBand,
  visibleBox,
  type Box,
  type Viewport,
} from './first-view';
import type { GraphModel, GraphQuery } from './model';
import { modelBounds, toElements, type ElementDef } from './to-elements';

const q = (over: Partial<GraphQuery> = {}): GraphQuery => ({
  namespaces: [],
  kinds: [],
  highlight: [],
  system: false,
  all: true,
  ...over,
});

/** `namespaces` namespaces, each with two ServiceAccounts bound to a reader Role and a Pod. */
function cluster(namespaces: number): RbacSnapshot {
  const s = snapshot();
  for (let i = 0; i < namespaces; i++) {
    const ns = `ns-${i}`;
    s.namespaces.push({ name: ns });
    s.roles.push(role(ns, 'reader', rule('get,list', '', 'configmaps,secrets,pods')));
    for (const sa of ['app', 'worker']) {
      s.serviceAccounts.push({ namespace: ns, name: sa });
      s.roleBindings.push(
        named(`${sa}-reads`, binding(ns, 'Role:reader', `ServiceAccount:${ns}:${sa}`)),
      );
      s.pods.push({ namespace: ns, name: `${sa}-0`, serviceAccountName: sa });
    }
  }
  return s;
}

const model = (namespaces: number, over: Partial<GraphQuery> = {}): GraphModel =>
  buildGraphModel(new Authorizer(cluster(namespaces)), q(over));

const W = 1100;
const H = 700;
const id = (e: ElementDef) => e.data.id as string;
const inside = (p: { x: number; y: number }, b: Box) =>
  p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2;
/** Where a box in graph coordinates is drawn on the canvas with a viewport. */
const onScreen = (v: Viewport, b: Box): Box => ({
  x1: b.x1 * v.zoom + v.pan.x,
  y1: b.y1 * v.zoom + v.pan.y,
  x2: b.x2 * v.zoom + v.pan.x,
  y2: b.y2 * v.zoom + v.pan.y,
});
/** A grant path in the last of 60 namespaces: the ServiceAccount app, its binding, the Role. */
const GRANT_PATH = [
  'subject:ServiceAccount:ns-59:app',
  'binding:RoleBinding:ns-59:app-reads',
  'role:Role:ns-59:reader',
];
/** Every Pod of a namespace is inside the box a viewport shows. */
function expectPodsSeen(m: GraphModel, namespace: string, seen: Box) {
  for (const pod of m.nodes.filter((n) => n.kind === 'Pod' && n.namespace === namespace))
    expect(inside({ x: pod.x!, y: pod.y! }, seen), pod.id).toBe(true);
}

describe('initialViewport', () => {
  it('shows a small graph whole, centred, at no more than 1.15×', () => {
    const m = model(1);
    const v = initialViewport(m, W, H);
    const seen = visibleBox(v, W, H);
    const b = modelBounds(m);
    expect(v.zoom).toBeLessThanOrEqual(1.15);
    expect(seen.x1).toBeLessThanOrEqual(b.x1);
    expect(seen.y1).toBeLessThanOrEqual(b.y1);
    expect(seen.x2).toBeGreaterThanOrEqual(b.x2);
    expect(seen.y2).toBeGreaterThanOrEqual(b.y2);
    expect((seen.x1 + seen.x2) / 2).toBeCloseTo((b.x1 + b.x2) / 2, 6);
    // Nothing drawn under the canvas's buttons: the graph starts below them, and is centred
    // in the room left there.
    const top = b.y1 * v.zoom + v.pan.y;
    const bottom = b.y2 * v.zoom + v.pan.y;
    expect(top).toBeGreaterThanOrEqual(INSET.top);
    expect(bottom).toBeLessThanOrEqual(H - INSET.bottom);
    expect(top - INSET.top).toBeCloseTo(H - INSET.bottom - bottom, 6);
  });

  it('centres a small graph on its bands: a tag reaches half its drawn width', () => {
    const m = model(2);
    const b = modelBounds(m);
    expect(b.x2).toBe(Math.max(...m.bands.map((band) => band.x + band.width)));
    const v = initialViewport(m, W, H);
    const drawn = onScreen(v, b);
    expect(drawn.x1).toBeGreaterThanOrEqual(INSET.side - 1e-6);
    expect(drawn.x1).toBeCloseTo(W - drawn.x2, 6);
  });

  it('shows the top-left of a tall graph at the width that fits, readable', () => {
    const m = model(60);
    const v = initialViewport(m, W, H);
    const seen = visibleBox(v, W, H);
    const b = modelBounds(m);
    expect(v.zoom).toBeGreaterThanOrEqual(0.45);
    expect(v.zoom).toBeLessThanOrEqual(1.1);
    expect(seen.x1).toBeCloseTo(b.x1 - 20 / v.zoom, 6);
    // Below the canvas's buttons.
    expect(seen.y1).toBeCloseTo(b.y1 - INSET.top / v.zoom, 6);
    expect(seen.y2).toBeLessThan(b.y2 / 4);
  });

  it('on a phone, shows the left of a small graph readable and centred in its height', () => {
    const m = model(1);
    const v = initialViewport(m, 340, 580);
    const seen = visibleBox(v, 340, 580);
    const b = modelBounds(m);
    expect(v.zoom).toBe(0.7);
    expect(seen.x1).toBeCloseTo(b.x1 - 20 / v.zoom, 6);
    // Centred in the room below the canvas's buttons.
    const top = b.y1 * v.zoom + v.pan.y;
    const bottom = b.y2 * v.zoom + v.pan.y;
    expect(top).toBeGreaterThan(INSET.top);
    expect(top - INSET.top).toBeCloseTo(580 - INSET.bottom - bottom, 6);
  });

  it('shows a small graph whole even with a highlighted path: the path in its context', () => {
    const plain = model(1);
    const path = plain.nodes.filter((n) => n.kind !== 'Pod' && n.kind !== 'Permission');
    const m = model(1, { highlight: path.map((n) => n.id) });
    expect(initialViewport(m, W, H)).toEqual(initialViewport(plain, W, H));
  });

  it('fits a highlighted path of a large graph wherever it is, at no more than 1.2×', () => {
    const plain = model(60);
    const far = plain.nodes.filter((n) => n.namespace === 'ns-59' && n.kind !== 'Permission');
    expect(far.length).toBeGreaterThan(2);
    const m = model(60, { highlight: far.map((n) => n.id) });
    const v = initialViewport(m, W, H);
    const seen = visibleBox(v, W, H);
    expect(v.zoom).toBeLessThanOrEqual(1.2);
    for (const n of m.nodes.filter((x) => m.meta.highlight.includes(x.id)))
      expect(inside({ x: n.x!, y: n.y! }, seen), n.id).toBe(true);
    expect(inside({ x: 0, y: 0 }, seen)).toBe(false);
  });

  it('on a phone, starts a highlighted path that cannot be shown readable at its namespace', () => {
    const path = [...GRANT_PATH, 'perm:role:Role:ns-59:reader:/configmaps'];
    const m = model(60, { highlight: path });
    expect(m.nodes.filter((n) => path.includes(n.id))).toHaveLength(4);
    const v = initialViewport(m, 350, 590);
    const seen = visibleBox(v, 350, 590);
    expect(v.zoom).toBe(0.7);
    const at = (id: string) => m.nodes.find((n) => n.id === id)!;
    const subject = at(path[0]!);
    const binding = at(path[1]!);
    expect(inside({ x: subject.x!, y: subject.y! }, seen)).toBe(true);
    expect(inside({ x: binding.x!, y: binding.y! }, seen)).toBe(true);
    // From the left edge of its namespace's band, 20 px from the canvas's: the title, the Pods.
    const band = m.bands.find((b) => b.namespace === 'ns-59')!;
    expect(band.x * v.zoom + v.pan.x).toBeCloseTo(20, 6);
    expectPodsSeen(m, 'ns-59', seen);
  });

  it('shows the focused node of a focused view too large to show whole, with the graph around it', () => {
    // A Role bound to 40 ServiceAccounts, each by its own binding: its neighbourhood is 40 tall.
    const s = cluster(1);
    for (let i = 0; i < 40; i++) {
      s.serviceAccounts.push({ namespace: 'ns-0', name: `sa-${i}` });
      s.roleBindings.push(
        named(`b-${i}`, binding('ns-0', 'Role:reader', `ServiceAccount:ns-0:sa-${i}`)),
      );
    }
    const focus = 'role:Role:ns-0:reader';
    const m = buildGraphModel(new Authorizer(s), q({ focus }));
    expect(m.meta.focus).toBe(focus);
    const v = initialViewport(m, W, H);
    const node = m.nodes.find((n) => n.id === focus)!;
    const b = modelBounds(m);
    // Far from the graph's top and bottom edges: centred in the canvas's height.
    expect((node.y! - b.y1) * v.zoom).toBeGreaterThan(H);
    expect((b.y2 - node.y!) * v.zoom).toBeGreaterThan(H);
    expect(inside({ x: node.x!, y: node.y! }, visibleBox(v, W, H))).toBe(true);
    expect(node.y! * v.zoom + v.pan.y).toBeCloseTo(H / 2, 6);
    expect(v.zoom).toBeGreaterThanOrEqual(0.45);
  });

  it('shows a grant path (subject, binding, role) in its namespace: the band, its title, its Pods', () => {
    const path = GRANT_PATH;
    const m = model(60, { highlight: path });
    expect(m.nodes.filter((n) => path.includes(n.id))).toHaveLength(3);
    // A canvas on which the path alone would be drawn at 1.2× and the band's left cut off.
    const v = initialViewport(m, 800, 500);
    const seen = visibleBox(v, 800, 500);
    const band = m.bands.find((b) => b.namespace === 'ns-59')!;
    expect(inside({ x: band.x, y: band.y }, seen)).toBe(true);
    expect(inside({ x: band.x + band.width, y: band.y + 22 }, seen)).toBe(true);
    expectPodsSeen(m, 'ns-59', seen);
    expect(v.zoom).toBeGreaterThanOrEqual(0.55);
  });
});

describe('fitViewport', () => {
  const box: Box = { x1: -100, y1: 40, x2: 900, y2: 540 };

  it('fits a box wider than the canvas to its width, below the buttons, centred', () => {
    const v = fitViewport(box, 520, 600, 3);
    const s = onScreen(v, box);
    expect(v.zoom).toBeCloseTo(0.48, 6);
    expect(s.x1).toBeCloseTo(INSET.side, 6);
    expect(s.x2).toBeCloseTo(520 - INSET.side, 6);
    expect(s.y1 - INSET.top).toBeCloseTo(600 - INSET.bottom - s.y2, 6);
  });

  it('fits a box taller than the canvas to the room between the buttons and the bottom', () => {
    const v = fitViewport(box, 1400, 332, 3);
    const s = onScreen(v, box);
    expect(s.y1).toBeCloseTo(INSET.top, 6);
    expect(s.y2).toBeCloseTo(332 - INSET.bottom, 6);
    expect((s.x1 + s.x2) / 2).toBeCloseTo(700, 6);
  });

  it('draws a small box no larger than maxZoom', () => {
    expect(fitViewport(box, 4000, 4000, 1.15).zoom).toBe(1.15);
  });
});

describe('viewportAround', () => {
  // A graph 2,000 wide and 1,000 high, on an 800 × 600 canvas at 1×.
  const bounds: Box = { x1: -50, y1: 0, x2: 1950, y2: 1000 };
  const centreOf = (
    v: { zoom: number; pan: { x: number; y: number } },
    at: { x: number; y: number },
  ) => ({
    x: at.x * v.zoom + v.pan.x,
    y: at.y * v.zoom + v.pan.y,
  });

  it('centres a node far from the edges', () => {
    const at = { x: 1000, y: 500 };
    expect(centreOf(viewportAround(at, 1, bounds, 800, 600), at)).toEqual({ x: 400, y: 300 });
  });

  it('shows a node near the top-left with the graph beside it, not empty canvas', () => {
    const v = viewportAround({ x: 0, y: 30 }, 1, bounds, 800, 600);
    const box = visibleBox(v, 800, 600);
    expect(box.x1).toBe(-70);
    expect(box.y1).toBe(-20);
  });

  it('stops at the right and bottom edges too', () => {
    const v = viewportAround({ x: 1900, y: 990 }, 2, bounds, 800, 600);
    const box = visibleBox(v, 800, 600);
    expect(box.x2).toBe(1960);
    expect(box.y2).toBe(1010);
    expect(v.zoom).toBe(2);
  });

  it('centres a graph that is smaller than the canvas on that axis', () => {
    const v = viewportAround({ x: 0, y: 30 }, 0.5, bounds, 1200, 300);
    // 1,000 wide at 0.5×: centred in 1,200; 500 high: does not fit in 300, so kept at the top.
    expect(v.pan.x).toBe((1200 - 1000) / 2 + 50 * 0.5);
    expect(visibleBox(v, 1200, 300).y1).toBe(-40);
  });
});

describe('viewportInBand', () => {
  // A graph 2,000 × 3,000 in graph coordinates; a band 1,000 × 300 in it.
  const bounds: Box = { x1: 0, y1: 0, x2: 2000, y2: 3000 };
  const band: Box = { x1: 0, y1: 1000, x2: 1000, y2: 1300 };

  it('centres the band that holds the node in the room below the buttons when it fits', () => {
    const v = viewportInBand({ x: 700, y: 1150 }, 1, band, bounds, 1100, 700);
    const s = onScreen(v, band);
    expect(v.zoom).toBe(1);
    expect(s.x1 - INSET.side).toBeCloseTo(1100 - INSET.side - s.x2, 6);
    expect(s.y1 - INSET.top).toBeCloseTo(700 - INSET.bottom - s.y2, 6);
  });

  it("starts at the band's title when the band is too large but the node and its label fit", () => {
    // 1,000 × 300 at 1.2×: too wide for 800 and too tall for 400; the node, 400 right of the
    // band's left edge and 100 below its top, is still in the room with its label.
    const v = viewportInBand({ x: 400, y: 1100 }, 1.2, band, bounds, 800, 400);
    const s = onScreen(v, band);
    expect(s.x1).toBeCloseTo(INSET.side, 6);
    expect(s.y1).toBeCloseTo(INSET.top, 6);
    const node = onScreen(v, { x1: 400, y1: 1100, x2: 600, y2: 1130 });
    expect(node.x2).toBeLessThanOrEqual(800 - INSET.side);
    expect(node.y2).toBeLessThanOrEqual(400 - INSET.bottom);
  });

  it('zooms out down to `least` when that shows the whole width of the band', () => {
    // 1,000 wide at 1.1× does not fit in the 1,000-px room of 1,040 px; at 1× it does.
    const v = viewportInBand({ x: 900, y: 1150 }, 1.1, band, bounds, 1040, 700, 0.9);
    expect(v.zoom).toBeCloseTo(1, 6);
    const s = onScreen(v, band);
    expect(s.x1).toBeCloseTo(INSET.side, 6);
    expect(s.x2).toBeCloseTo(1040 - INSET.side, 6);
    // A band that would fit only below `least` (at 0.86× on 900 px) leaves the zoom at 1.1×.
    expect(viewportInBand({ x: 500, y: 1150 }, 1.1, band, bounds, 900, 700, 0.95).zoom).toBe(1.1);
  });

  it("else zooms out down to `least` when that shows the band's start and the node", () => {
    const long: Box = { x1: 0, y1: 1000, x2: 2000, y2: 1300 };
    // At 1.1×, 700 + the label's 200 do not fit in 860 px; at 860 / 900 they do.
    const v = viewportInBand({ x: 700, y: 1150 }, 1.1, long, bounds, 900, 700, 0.8);
    expect(v.zoom).toBeCloseTo(860 / 900, 6);
    expect(onScreen(v, long).x1).toBeCloseTo(INSET.side, 6);
    expect(900 * v.zoom + v.pan.x).toBeCloseTo(900 - INSET.side, 6);
  });

  it('on an axis where the whole graph fits, places it as viewportAround does (centred)', () => {
    // Two bands, 600 high in all: on a 900-px-high canvas the graph, not the band, is centred.
    const short: Box = { x1: 0, y1: 1000, x2: 2000, y2: 1600 };
    const at = { x: 300, y: 1150 };
    const v = viewportInBand(at, 1, band, short, 800, 900);
    expect(v.pan.y).toBe(viewportAround(at, 1, short, 800, 900).pan.y);
    expect(onScreen(v, short).y1).toBe(150);
    expect(onScreen(v, band).x1).toBe(INSET.side);
  });

  it('places the node as viewportAround does when even its band start would hide it', () => {
    const at = { x: 900, y: 1280 };
    const v = viewportInBand(at, 1.5, band, bounds, 800, 400);
    expect(v).toEqual(viewportAround(at, 1.5, bounds, 800, 400));
    expect(viewportInBand(at, 1.5, undefined, bounds, 800, 400)).toEqual(v);
  });

  it("shows a jump's node in a large graph with its namespace's title, below the buttons", () => {
    const m = model(60);
    const node = m.nodes.find((n) => n.id === 'role:Role:ns-30:reader')!;
    const at = { x: node.x!, y: node.y! };
    const band = bandAt(m, at)!;
    const ns30 = m.bands.find((b) => b.namespace === 'ns-30')!;
    expect(band).toEqual({
      x1: ns30.x,
      y1: ns30.y,
      x2: ns30.x + ns30.width,
      y2: ns30.y + ns30.height,
    });
    // At 1.1× on 800 px, the band (786 wide) does not fit, but its start and the Role do.
    const v = viewportInBand(at, 1.1, band, modelBounds(m), 800, H);
    const s = onScreen(v, band);
    expect(s.x1).toBeCloseTo(INSET.side, 6);
    expect(s.y1).toBeGreaterThanOrEqual(INSET.top - 1e-6);
    expect(s.y2).toBeLessThanOrEqual(H - INSET.bottom + 1e-6);
    expect(inside(at, visibleBox(v, 800, H))).toBe(true);
    // Centred on the node instead, the band's left edge (and title) would be out of view.
    expect(onScreen(viewportAround(at, 1.1, modelBounds(m), 800, H), band).x1).toBeLessThan(0);
  });
});

describe('splitByBox', () => {
  const m = model(60);
  const elements = toElements(m);
  const box = visibleBox(initialViewport(m, W, H), W, H);
  const { first, rest } = splitByBox(elements, box);

  it('splits a large view into the few elements the viewport shows and the rest', () => {
    expect(first.length + rest.length).toBe(elements.length);
    expect(new Set([...first, ...rest].map(id)).size).toBe(elements.length);
    expect(first.length).toBeGreaterThan(20);
    expect(first.length).toBeLessThan(elements.length / 5);
    // Each part keeps the input's order.
    const order = new Map(elements.map((e, i) => [id(e), i]));
    for (const part of [first, rest]) {
      const idx = part.map((e) => order.get(id(e))!);
      expect(idx).toEqual([...idx].sort((a, b) => a - b));
    }
  });

  it('puts first every node placed in the viewport, and the ends of every edge it puts first', () => {
    const firstIds = new Set(first.map(id));
    for (const e of elements) {
      if (e.group === 'nodes' && e.position && inside(e.position, box))
        expect(firstIds.has(id(e)), id(e)).toBe(true);
    }
    for (const e of first.filter((x) => x.group === 'edges')) {
      expect(firstIds.has(e.data.source as string)).toBe(true);
      expect(firstIds.has(e.data.target as string)).toBe(true);
    }
    // And nothing far below the viewport.
    for (const e of first)
      if (e.group === 'nodes' && e.position) expect(e.position.y).toBeLessThan(box.y2 + 1000);
  });

  it('puts first an edge that crosses the viewport with both ends outside it', () => {
    const node = (name: string, x: number, y: number): ElementDef => ({
      group: 'nodes',
      data: { id: name },
      position: { x, y },
      classes: 'k-Role',
    });
    const edge: ElementDef = {
      group: 'edges',
      data: { id: 'e', source: 'a', target: 'b' },
      classes: 'e-role-ref',
    };
    const view = { x1: 0, y1: 0, x2: 100, y2: 100 };
    const split = splitByBox([node('a', -2000, 50), node('b', 2000, 50), edge], view);
    expect(split.first.map(id)).toEqual(['a', 'b', 'e']);
    const below = splitByBox([node('a', -2000, 500), node('b', 2000, 500), edge], view);
    expect(below.first).toEqual([]);
  });

  it('puts first an edge to an element drawn already when its other end goes first', () => {
    const view = { x1: 0, y1: 0, x2: 100, y2: 100 };
    const split = splitByBox(
      [
        { group: 'nodes', data: { id: 'near' }, position: { x: 50, y: 50 }, classes: 'k-Pod' },
        { group: 'nodes', data: { id: 'far' }, position: { x: 50, y: 5000 }, classes: 'k-Pod' },
        { group: 'edges', data: { id: 'e1', source: 'near', target: 'drawn' }, classes: '' },
        { group: 'edges', data: { id: 'e2', source: 'drawn', target: 'far' }, classes: '' },
      ],
      view,
    );
    expect(split.first.map(id)).toEqual(['near', 'e1']);
    expect(split.rest.map(id)).toEqual(['far', 'e2']);
  });
});
