import type { RawEdge } from './full-graph';
import { namespaceId, type GraphNode, type NodeKind } from './model';
import { formatCount } from './format-count';
import { compare } from './natural-order';

/** An edge of a folded view: a namespace edge stands for `count` edges, the first explained. */
export interface FoldedEdge extends RawEdge {
  count?: number;
  /** For namespace edges: the first edge they stand for. */
  first?: RawEdge;
}

export interface FoldInput {
  nodes: GraphNode[];
  edges: RawEdge[];
  focus?: string;
  highlight: string[];
}

export interface FoldResult {
  nodes: GraphNode[];
  edges: FoldedEdge[];
  highlight: string[];
}

const ROLE_REF: ReadonlySet<string> = new Set(['role-ref']);

/** At most this many namespace tiles; the rest are one `more:namespaces` node. */
export const MAX_NAMESPACE_TILES = 400;
export const OTHER_NAMESPACES = 'more:namespaces';

/**
 * Folds a view too large to read into one node per namespace (`ns:NAME`, with counts of what
 * it holds) plus the cluster-wide part: every ClusterRoleBinding with the Users and Groups it
 * names and the ClusterRoles they refer to, and in a focused view what is
 * cluster-scoped around the focused node. Permissions are left to the side panel, except the
 * focused role's and highlighted ones. A namespace links to the cluster-wide bindings and groups
 * its ServiceAccounts are in, and to and from the focused node. Users and Groups bound only
 * inside namespaces are counted there, not drawn. A highlight on a folded node moves to its
 * namespace, and every edge between highlighted nodes is drawn between what stands for its
 * ends (unless both are in one namespace), so a highlighted path stays whole.
 */
export function foldNamespaces(view: FoldInput): FoldResult {
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const out = new Map<string, RawEdge[]>();
  const inc = new Map<string, RawEdge[]>();
  for (const e of view.edges) {
    const o = out.get(e.source);
    if (o) o.push(e);
    else out.set(e.source, [e]);
    const i = inc.get(e.target);
    if (i) i.push(e);
    else inc.set(e.target, [e]);
  }
  const highlighted = new Set(view.highlight);
  const keepPermission = (n: GraphNode, from: string) =>
    highlighted.has(n.id) || (from === view.focus && n.kind === 'Permission');
  // The focused node stays, and so do its permissions when it is a role.
  const unfolded = new Set(view.focus ? [view.focus] : []);
  for (const e of (view.focus && out.get(view.focus)) || []) {
    if (byId.get(e.target)?.kind === 'Permission') unfolded.add(e.target);
  }
  const folded = (n: GraphNode) => !!n.namespace && !unfolded.has(n.id);

  // What stays: cluster-scoped nodes reachable from the cluster-wide bindings and the focus.
  const kept = new Set<string>();
  const downstream = (start: string, along?: ReadonlySet<string>) => {
    const stack = [start];
    while (stack.length > 0) {
      const id = stack.pop()!;
      for (const e of out.get(id) ?? []) {
        if (along && !along.has(e.kind)) continue;
        const t = byId.get(e.target)!;
        if (folded(t) || kept.has(t.id)) continue;
        if (t.kind === 'Permission' && !keepPermission(t, id)) continue;
        kept.add(t.id);
        stack.push(t.id);
      }
    }
  };
  const upstream = (start: string, depth: number) => {
    let level = [start];
    for (let d = 0; d < depth && level.length > 0; d++) {
      const next: string[] = [];
      for (const id of level) {
        for (const e of inc.get(id) ?? []) {
          const s = byId.get(e.source)!;
          if (folded(s) || kept.has(s.id)) continue;
          kept.add(s.id);
          next.push(s.id);
        }
      }
      level = next;
    }
  };
  for (const n of view.nodes) {
    if (n.kind !== 'ClusterRoleBinding') continue;
    kept.add(n.id);
    upstream(n.id, 1);
    downstream(n.id, ROLE_REF);
  }
  if (view.focus && byId.has(view.focus)) {
    kept.add(view.focus);
    downstream(view.focus);
    upstream(view.focus, Infinity);
  }
  for (const h of highlighted) {
    const n = byId.get(h);
    if (n && !folded(n)) kept.add(h);
  }

  // One node per namespace for everything else, with counts.
  const nsNodes = new Map<string, GraphNode>();
  const home = new Map<string, string>();
  for (const n of view.nodes) {
    if (kept.has(n.id) || !n.namespace) continue;
    const id = namespaceId(n.namespace);
    let ns = nsNodes.get(id);
    if (!ns) {
      ns = { id, kind: 'Namespace', label: n.namespace, namespace: n.namespace, counts: {} };
      nsNodes.set(id, ns);
    }
    if (!n.more) {
      const counts = ns.counts!;
      counts[n.kind as NodeKind] = (counts[n.kind as NodeKind] ?? 0) + 1;
    }
    home.set(n.id, id);
  }

  const edges: FoldedEdge[] = [];
  const nsEdges = new Map<string, FoldedEdge>();
  for (const e of view.edges) {
    const s = kept.has(e.source) ? e.source : home.get(e.source);
    const t = kept.has(e.target) ? e.target : home.get(e.target);
    if (!s || !t || s === t) continue;
    if (s === e.source && t === e.target) {
      edges.push(e);
      continue;
    }
    // Only links that say something at this scale: ServiceAccounts of a namespace bound
    // cluster-wide or in a group, links to or from the focused node, and each link of a
    // highlighted path (a RoleBinding folded into its namespace → the highlighted ClusterRole
    // it refers to), which would otherwise look broken.
    const onPath = highlighted.has(e.source) && highlighted.has(e.target);
    const touchesFocus = s === view.focus || t === view.focus;
    const fromNamespace = !kept.has(s) && (e.kind === 'subject' || e.kind === 'member-of');
    if (!onPath && !touchesFocus && !fromNamespace) continue;
    if (!onPath && !kept.has(s) && !kept.has(t)) continue;
    const key = `${s}->${t}`;
    const f = nsEdges.get(key);
    if (f) f.count = (f.count ?? 1) + 1;
    else nsEdges.set(key, { source: s, target: t, kind: 'contains', count: 1, first: e });
  }
  edges.push(...nsEdges.values());

  // Thousands of tiles are neither readable nor quick to draw: past MAX_NAMESPACE_TILES, the
  // namespaces that link to the cluster-wide part, hold the focus or a highlight, or hold the
  // most stay tiles; the others become one node (they stay in the namespace filter).
  const highlightedHomes = new Set(view.highlight.map((h) => home.get(h)).filter(Boolean));
  let tiles = [...nsNodes.values()];
  if (tiles.length > MAX_NAMESPACE_TILES) {
    const linked = new Set(
      nsEdges.size > 0 ? [...nsEdges.values()].flatMap((e) => [e.source, e.target]) : [],
    );
    const weight = (n: GraphNode) => Object.values(n.counts ?? {}).reduce((a, b) => a + b, 0);
    const rank = (n: GraphNode) => (linked.has(n.id) || highlightedHomes.has(n.id) ? 0 : 1);
    tiles.sort((a, b) => rank(a) - rank(b) || weight(b) - weight(a) || compare(a.label, b.label));
    const rest = tiles.slice(MAX_NAMESPACE_TILES - 1).filter((n) => rank(n) === 1);
    // When every namespace links to the cluster-wide part (or is highlighted), all stay tiles.
    if (rest.length > 0) {
      const restIds = new Set(rest.map((n) => n.id));
      tiles = tiles.filter((n) => !restIds.has(n.id));
      const counts: Partial<Record<NodeKind, number>> = {};
      for (const n of rest) {
        for (const [k, c] of Object.entries(n.counts ?? {})) {
          counts[k as NodeKind] = (counts[k as NodeKind] ?? 0) + c;
        }
      }
      tiles.push({
        id: OTHER_NAMESPACES,
        kind: 'Namespace',
        label: `${formatCount(rest.length)} more namespaces`,
        counts,
        more: rest.length,
      });
    }
  }
  const nodes = [...view.nodes.filter((n) => kept.has(n.id)), ...tiles];
  const highlight = [
    ...new Set(
      view.highlight.map((h) => (kept.has(h) ? h : home.get(h))).filter((h): h is string => !!h),
    ),
  ];
  return { nodes, edges, highlight };
}
