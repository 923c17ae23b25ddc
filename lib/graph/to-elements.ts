import { permissionTagLabel, tagWidth } from './layout';
import { formatCount } from './format-count';
import type { GraphModel, GraphNode, NodeKind } from './model';

/** A cytoscape element definition, plain data (cytoscape itself is loaded in the browser). */
export interface ElementDef {
  group: 'nodes' | 'edges';
  data: Record<string, string | number | boolean | undefined>;
  position?: { x: number; y: number };
  classes: string;
  selectable?: boolean;
  grabbable?: boolean;
}

const COUNT_WORDS: [NodeKind, string, string][] = [
  ['Pod', 'pod', 'pods'],
  ['ServiceAccount', 'SA', 'SAs'],
  ['RoleBinding', 'binding', 'bindings'],
];

/** The two lines of a folded namespace: its name and what it holds. */
export function namespaceTileLabel(n: GraphNode): string {
  const parts = COUNT_WORDS.flatMap(([kind, one, many]) => {
    const c = n.counts?.[kind] ?? 0;
    return c > 0 ? [`${formatCount(c)} ${c === 1 ? one : many}`] : [];
  });
  return `${n.label}\n${parts.join(' · ') || 'nothing shown'}`;
}

/** How far right of its position a node's drawing reaches with its label. */
export const LABEL_REACH = 200;

/**
 * The box the drawing covers, from the model alone (bands, node centres and a margin for
 * labels): asking cytoscape would make it style and measure every element first.
 */
export function modelBounds(model: GraphModel): { x1: number; y1: number; x2: number; y2: number } {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const b of model.bands) {
    x1 = Math.min(x1, b.x);
    y1 = Math.min(y1, b.y);
    x2 = Math.max(x2, b.x + b.width);
    y2 = Math.max(y2, b.y + b.height);
  }
  for (const n of model.nodes) {
    const half = n.kind === 'Namespace' ? 100 : 20;
    const x = n.x ?? 0;
    const y = n.y ?? 0;
    x1 = Math.min(x1, x - half);
    y1 = Math.min(y1, y - 30);
    // Folded namespaces and permission tags (drawn `tagWidth` wide) are centred on their
    // position; other nodes have their label right of them.
    x2 = Math.max(
      x2,
      x + (n.kind === 'Namespace' ? half : n.kind === 'Permission' ? tagWidth(n) / 2 : LABEL_REACH),
    );
    y2 = Math.max(y2, y + 30);
  }
  if (x1 === Infinity) return { x1: 0, y1: 0, x2: 0, y2: 0 };
  return { x1, y1, x2, y2 };
}

/** The text a node is drawn with. */
export function displayLabel(n: GraphNode): string {
  if (n.kind === 'Permission') return permissionTagLabel(n);
  if (n.kind === 'Namespace') return namespaceTileLabel(n);
  if (n.missing && (n.kind === 'Role' || n.kind === 'ClusterRole')) return `${n.label} (missing)`;
  return n.label;
}

/**
 * Model → cytoscape elements with preset positions: background bands and their labels first,
 * then nodes and edges. Classes carry everything the stylesheet needs: `k-KIND`, `e-KIND`,
 * `missing`, `more`, `highlighted`, `faded` (when something is highlighted), `focus`.
 */
export function toElements(model: GraphModel): ElementDef[] {
  const out: ElementDef[] = [];
  const highlighted = new Set(model.meta.highlight);
  const fade = highlighted.size > 0;
  for (const b of model.bands) {
    out.push({
      group: 'nodes',
      data: { id: b.id, w: b.width, h: b.height, band: true },
      position: { x: b.x + b.width / 2, y: b.y + b.height / 2 },
      classes: 'band',
      selectable: false,
      grabbable: false,
    });
    out.push({
      group: 'nodes',
      data: { id: `${b.id}:label`, label: b.label, band: true },
      // The label hangs right of a point near the band's top-left corner.
      position: { x: b.x + 16, y: b.y + 22 },
      classes: 'band-label',
      selectable: false,
      grabbable: false,
    });
  }
  for (const n of model.nodes) {
    const classes = [`k-${n.kind}`];
    if (n.missing) classes.push('missing');
    if (n.more) classes.push('more');
    if (n.kind === 'Namespace' && n.more) classes.push('more-namespaces');
    if (highlighted.has(n.id)) classes.push('highlighted');
    else if (fade) classes.push('faded');
    if (n.id === model.meta.focus) classes.push('focus');
    const data: ElementDef['data'] = { id: n.id, label: displayLabel(n), kind: n.kind };
    if (n.kind === 'Permission') data.w = tagWidth(n);
    out.push({
      group: 'nodes',
      data,
      position: { x: n.x ?? 0, y: n.y ?? 0 },
      classes: classes.join(' '),
      grabbable: false,
    });
  }
  for (const e of model.edges) {
    const classes = [`e-${e.kind}`];
    if (e.missing) classes.push('missing');
    if (highlighted.has(e.source) && highlighted.has(e.target)) classes.push('highlighted');
    else if (fade) classes.push('faded');
    const data: ElementDef['data'] = {
      id: e.id,
      source: e.source,
      target: e.target,
      kind: e.kind,
    };
    if (e.count !== undefined) data.count = e.count;
    // Only nodes are selected: tapping an edge explains it and leaves the selection as it is.
    out.push({ group: 'edges', data, classes: classes.join(' '), selectable: false });
  }
  return out;
}
