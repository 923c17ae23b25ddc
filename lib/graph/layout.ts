import { compare } from './natural-order';
import { formatCount } from './format-count';
import { columnOf, type GraphBand, type GraphNode } from './model';

/** Layout needs only the ends of an edge. */
type Link = { source: string; target: string };

/** Vertical distance between the centres of two nodes of a column. */
export const ROW = 34;
/** Room the labels of the last column need at most. */
export const LAST_COLUMN_WIDTH = 240;
/**
 * Distance between two columns: a label's room (185 at most, see `fitLabels`) and 65 more (the
 * node's half width and the label's margin, the next node's half width, the shortest edge with
 * its arrow), no less than 130.
 */
export const COLUMN_GAP = { min: 130, max: 250, beyondLabel: 65 } as const;
const LABEL_ROOM = 185;
const BAND_TOP = 52;
const BAND_BOTTOM = 22;
const BAND_GAP = 36;
const BAND_LEFT = -50;
/** Namespace tiles of a folded view. */
export const TILE = { width: 200, height: 50, gapX: 18, gapY: 14 } as const;

export interface LayoutResult {
  /** Centre of every node, by id. */
  positions: Map<string, { x: number; y: number }>;
  bands: GraphBand[];
}

const natural = compare;
const CLUSTER = '';
const NS_GROUP_PREFIX = 'system:serviceaccounts:';

/**
 * Which band a node is drawn in: its namespace, or for cluster-scoped nodes the one namespace
 * everything around it belongs to (a ClusterRoleBinding naming only ServiceAccounts of `ci` sits
 * with `ci`); '' (cluster-wide) otherwise.
 */
export function assignBands(nodes: GraphNode[], edges: Link[]): Map<string, string> {
  const band = new Map<string, string>();
  const out = new Map<string, Link[]>();
  const inc = new Map<string, Link[]>();
  for (const e of edges) {
    (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push(e);
    (inc.get(e.target) ?? inc.set(e.target, []).get(e.target)!).push(e);
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const single = (values: (string | undefined)[], fallback = CLUSTER) => {
    const set = new Set(values.filter((v): v is string => v !== undefined));
    return set.size === 1 ? [...set][0]! : fallback;
  };
  const home = (n: GraphNode): string | undefined => {
    if (n.namespace) return n.namespace;
    if (n.kind === 'Group' && n.label.startsWith(NS_GROUP_PREFIX)) {
      return n.label.slice(NS_GROUP_PREFIX.length);
    }
    return CLUSTER;
  };
  for (const n of nodes) if (n.namespace && n.kind !== 'Namespace') band.set(n.id, n.namespace);
  for (const n of nodes) {
    if (n.kind !== 'ClusterRoleBinding') continue;
    const subjects = (inc.get(n.id) ?? []).map((e) => home(byId.get(e.source)!));
    band.set(n.id, subjects.length > 0 ? single(subjects) : CLUSTER);
  }
  for (const n of nodes) {
    if ((n.kind !== 'User' && n.kind !== 'Group') || band.has(n.id)) continue;
    const bindings = (out.get(n.id) ?? []).map((e) => band.get(e.target));
    const own = n.kind === 'Group' ? home(n) : undefined;
    band.set(
      n.id,
      bindings.length > 0
        ? single([...bindings, own === CLUSTER ? undefined : own])
        : (own ?? CLUSTER),
    );
  }
  // ClusterRoles: from the bindings that refer to them, then from the roles that aggregate them.
  const roles = nodes.filter(
    (n) => (n.kind === 'ClusterRole' || n.kind === 'Role') && !band.has(n.id),
  );
  for (let pass = 0; pass < 4; pass++) {
    for (const r of roles) {
      const from = (inc.get(r.id) ?? []).map((e) => band.get(e.source));
      if (from.some((f) => f !== undefined) || pass === 3) band.set(r.id, single(from));
    }
  }
  for (const n of nodes) {
    if (band.has(n.id)) continue;
    const parents = (inc.get(n.id) ?? []).map((e) => band.get(e.source));
    band.set(n.id, single(parents));
  }
  return band;
}

/**
 * Isotonic placement: positions as close as possible (least squares) to `desired`, in the given
 * order, at least `gap` apart (pool-adjacent-violators on desired[i] - i·gap).
 */
export function spread(desired: number[], gap: number): number[] {
  const n = desired.length;
  const blockStart: number[] = [];
  const blockSum: number[] = [];
  const blockLen: number[] = [];
  for (let i = 0; i < n; i++) {
    blockStart.push(i);
    blockSum.push(desired[i]! - i * gap);
    blockLen.push(1);
    while (
      blockSum.length > 1 &&
      blockSum[blockSum.length - 2]! / blockLen[blockLen.length - 2]! >
        blockSum[blockSum.length - 1]! / blockLen[blockLen.length - 1]!
    ) {
      const s = blockSum.pop()!;
      const l = blockLen.pop()!;
      blockStart.pop();
      blockSum[blockSum.length - 1]! += s;
      blockLen[blockLen.length - 1]! += l;
    }
  }
  const out = new Array<number>(n);
  for (let b = 0; b < blockStart.length; b++) {
    const mean = blockSum[b]! / blockLen[b]!;
    for (let i = blockStart[b]!; i < blockStart[b]! + blockLen[b]!; i++) out[i] = mean + i * gap;
  }
  return out;
}

const kindRank: Record<string, number> = {
  Pod: 0,
  ServiceAccount: 0,
  Group: 1,
  User: 2,
  RoleBinding: 0,
  ClusterRoleBinding: 1,
  Role: 0,
  ClusterRole: 1,
  Permission: 0,
};

/** Lays out one band's nodes in columns; returns y relative to the band's first row. */
function layoutBand(nodes: GraphNode[], neighbours: Map<string, string[]>): Map<string, number> {
  const columns: GraphNode[][] = [[], [], [], [], []];
  for (const n of nodes) columns[columnOf(n.kind)]!.push(n);
  // Permissions keep their role's order (wildcards first); "more" comes last.
  const order = new Map<string, number>();
  for (const [c, col] of columns.entries()) {
    if (c !== 4) {
      col.sort(
        (a, b) => (kindRank[a.kind] ?? 0) - (kindRank[b.kind] ?? 0) || natural(a.label, b.label),
      );
    } else {
      col.sort((a, b) => Number(!!a.more) - Number(!!b.more));
    }
    col.forEach((n, i) => order.set(n.id, i));
  }
  const nodesById = new Map(nodes.map((n) => [n.id, n]));
  const colOf = (id: string) => {
    const n = nodesById.get(id);
    return n ? columnOf(n.kind) : -1;
  };
  const barycentre = (n: GraphNode, towards: number, pos: Map<string, number>) => {
    let sum = 0;
    let count = 0;
    for (const m of neighbours.get(n.id) ?? []) {
      const c = colOf(m);
      if (c !== towards) continue;
      sum += pos.get(m)!;
      count++;
    }
    return count > 0 ? sum / count : undefined;
  };
  const reorder = (c: number, towards: number) => {
    const col = columns[c]!;
    const keyed = col.map((n, i) => {
      const b = barycentre(n, towards, order);
      return { n, key: b ?? i * (columns[towards]!.length / Math.max(1, col.length)), i };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    columns[c] = keyed.map((k) => k.n);
    columns[c]!.forEach((n, i) => order.set(n.id, i));
  };
  // Barycentre sweeps, anchored on the subjects: right, then left, twice.
  for (let sweep = 0; sweep < 2; sweep++) {
    for (const c of [2, 3, 4]) reorder(c, c - 1);
    for (const c of [3, 2, 1]) reorder(c, c + 1);
  }
  reorder(0, 1);

  // y: start packed, then pull every node towards its neighbours, keeping order and spacing.
  const y = new Map<string, number>();
  for (const col of columns) col.forEach((n, i) => y.set(n.id, i * ROW));
  const place = (c: number) => {
    const col = columns[c]!;
    if (col.length === 0) return;
    const desired = col.map((n) => {
      let sum = 0;
      let count = 0;
      for (const m of neighbours.get(n.id) ?? []) {
        const mc = colOf(m);
        if (mc === c - 1 || mc === c + 1) {
          sum += y.get(m)!;
          count++;
        }
      }
      return count > 0 ? sum / count : y.get(n.id)!;
    });
    spread(desired, ROW).forEach((v, i) => y.set(col[i]!.id, v));
  };
  for (let it = 0; it < 4; it++) {
    for (const c of [3, 2, 1, 0]) place(c);
    for (const c of [1, 2, 3, 4]) place(c);
  }
  let min = Infinity;
  for (const v of y.values()) min = Math.min(min, v);
  for (const [k, v] of y) y.set(k, v - min);
  return y;
}

/** Approximate width of a label, for tags and boxes (Geist at 11–12 px). */
export function labelWidth(text: string, fontSize = 12): number {
  return Math.ceil(text.length * fontSize * 0.6);
}

/** Approximate width of the label drawn right of a node (as `displayLabel` words it). */
function nodeLabelWidth(n: GraphNode): number {
  const text = n.missing ? `${n.label} (missing)` : n.label;
  return Math.min(LABEL_ROOM, labelWidth(text, n.kind === 'Pod' ? 12 : 13));
}

/**
 * Where the columns Pod | subject | binding | role | permission are (the x of their nodes),
 * and where the last column's tags end: each column is as wide as its longest label needs, so
 * a view of short names is drawn narrower, and so larger when fitted to the screen.
 */
export function columnsOf(nodes: GraphNode[]): { xs: number[]; right: number } {
  const room = [0, 0, 0, 0];
  let tags = 0;
  for (const n of nodes) {
    if (n.kind === 'Namespace') continue;
    const c = columnOf(n.kind);
    if (c < 4) room[c] = Math.max(room[c]!, nodeLabelWidth(n));
    else tags = Math.max(tags, tagWidth(n));
  }
  const xs = [0];
  for (const r of room) {
    const gap = Math.min(COLUMN_GAP.max, Math.max(COLUMN_GAP.min, r + COLUMN_GAP.beyondLabel));
    xs.push(xs[xs.length - 1]! + gap);
  }
  return { xs, right: xs[4]! + Math.max(120, tags + 10) };
}

/**
 * The layered layout, deterministic: columns Pod | subject | binding | role | permission, left
 * to right; one band per namespace (cluster-wide first, then namespaces by name), each laid out
 * with barycentre ordering and least-squares placement so edges run as level as they can. A
 * folded view puts its namespace tiles in a grid left of the cluster-wide band.
 */
export function layoutGraph(nodes: GraphNode[], edges: Link[]): LayoutResult {
  const positions = new Map<string, { x: number; y: number }>();
  const bands: GraphBand[] = [];
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source)!).push(e.target);
    (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target)!).push(e.source);
  }
  const tiles = nodes.filter((n) => n.kind === 'Namespace');
  const rest = nodes.filter((n) => n.kind !== 'Namespace');
  const restIds = new Set(rest.map((n) => n.id));
  const bandOf = assignBands(
    rest,
    edges.filter((e) => restIds.has(e.source) && restIds.has(e.target)),
  );
  const groups = new Map<string, GraphNode[]>();
  for (const n of rest) {
    const b = bandOf.get(n.id) ?? CLUSTER;
    (groups.get(b) ?? groups.set(b, []).get(b)!).push(n);
  }
  const keys = [...groups.keys()].sort((a, b) =>
    a === CLUSTER ? -1 : b === CLUSTER ? 1 : natural(a, b),
  );
  const cols = columnsOf(rest);
  // A band reaches past the last column's tags, and past its title (15 px, semibold).
  const bandRight = (title: string) =>
    Math.max(cols.right, BAND_LEFT + 20 + Math.min(600, labelWidth(title, 15)) + 20);
  let top = 0;
  for (const key of keys) {
    const members = groups.get(key)!;
    const ys = layoutBand(members, neighbours);
    let height = 0;
    for (const n of members) {
      const y = ys.get(n.id)!;
      height = Math.max(height, y);
      const x = cols.xs[columnOf(n.kind)]!;
      // Permission tags hang off the column line; other nodes are centred on it.
      const w = n.kind === 'Permission' ? tagWidth(n) / 2 : 0;
      positions.set(n.id, { x: x + w, y: top + BAND_TOP + y });
    }
    const label = key ? `namespace ${key}` : 'cluster-wide';
    const band: GraphBand = {
      // Namespace names hold no ':', so no namespace's band takes the id of another band.
      id: key ? `band:ns:${key}` : 'band:cluster',
      label,
      x: BAND_LEFT,
      y: top,
      width: bandRight(label) - BAND_LEFT,
      height: BAND_TOP + height + BAND_BOTTOM,
    };
    if (key) band.namespace = key;
    bands.push(band);
    top += band.height + BAND_GAP;
  }

  if (tiles.length > 0) {
    const height = Math.max(top - BAND_GAP, 600);
    const perColumn = Math.max(
      1,
      Math.ceil(height / (TILE.height + TILE.gapY)),
      Math.ceil(tiles.length / 12),
    );
    const columns = Math.ceil(tiles.length / perColumn);
    const right = cols.xs[1]! - 110;
    const left = right - columns * (TILE.width + TILE.gapX) + TILE.gapX;
    // Namespaces linked to the cluster-wide part sit nearest it (the right-most cells), in the
    // order of what they link to, so their edges run short and level; the rest follow by name.
    const linkY = new Map<string, number>();
    for (const t of tiles) {
      const ys = (neighbours.get(t.id) ?? [])
        .map((m) => positions.get(m)?.y)
        .filter((y) => y !== undefined);
      if (ys.length > 0) linkY.set(t.id, ys.reduce((a, b) => a + b, 0) / ys.length);
    }
    const linked = tiles
      .filter((t) => linkY.has(t.id))
      .sort((a, b) => linkY.get(a.id)! - linkY.get(b.id)! || natural(a.label, b.label));
    const rest = tiles
      .filter((t) => !linkY.has(t.id))
      .sort((a, b) => Number(!!a.more) - Number(!!b.more) || natural(a.label, b.label));
    const cell = (i: number) => ({
      x: left + Math.floor(i / perColumn) * (TILE.width + TILE.gapX) + TILE.width / 2,
      y: BAND_TOP + (i % perColumn) * (TILE.height + TILE.gapY) + TILE.height / 2,
    });
    // Linked tiles fill columns from the right, each column top to bottom.
    const taken = new Set<number>();
    linked.forEach((n, i) => {
      const col = columns - 1 - Math.floor(i / perColumn);
      const at = col * perColumn + (i % perColumn);
      taken.add(at);
      positions.set(n.id, cell(at));
    });
    let at = 0;
    for (const n of rest) {
      while (taken.has(at)) at++;
      positions.set(n.id, cell(at++));
    }
    const rows = Math.min(perColumn, tiles.length);
    bands.push({
      id: 'band:namespaces',
      label: `${formatCount(tiles.length)} namespaces — click one to open it`,
      x: left - 30,
      y: 0,
      width: columns * (TILE.width + TILE.gapX) - TILE.gapX + 60,
      height: BAND_TOP + rows * (TILE.height + TILE.gapY) - TILE.gapY + BAND_BOTTOM,
    });
    // The other bands (the cluster-wide grants; a namespace of a focused node or of a group)
    // sit right of the tiles, from the subject column on.
    for (const b of bands) {
      if (b.id !== 'band:namespaces') {
        const right = b.x + b.width;
        b.x = cols.xs[1]! - 50;
        b.width = right - b.x;
      }
    }
  }
  return { positions, bands };
}

/** Width of a permission tag: its label plus padding. */
export function tagWidth(n: GraphNode): number {
  return Math.min(LAST_COLUMN_WIDTH - 10, labelWidth(permissionTagLabel(n)) + 18);
}

/** The text on a permission tag: "pods · get, list", "/metrics · get", "+12 more". */
export function permissionTagLabel(n: GraphNode): string {
  if (n.more) return n.label;
  const verbs = n.verbs?.includes('*') ? 'all verbs' : (n.verbs ?? []).join(', ');
  const names = !n.resourceNames
    ? ''
    : n.resourceNames.length === 1
      ? ` (${n.resourceNames[0]})`
      : ` (${n.resourceNames.length} named)`;
  let what = n.label;
  if (n.nonResourceURL === '*') what = 'all URLs';
  else if (n.resource === '*') {
    what = n.apiGroup === '*' ? 'all resources' : `all of ${n.apiGroup || 'core'}`;
  } else if (n.apiGroup === '*') what = `${n.resource} (any group)`;
  return `${what}${names} · ${verbs}`;
}
