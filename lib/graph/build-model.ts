import type { Authorizer } from '../rbac/authorizer';
import { foldNamespaces, type FoldedEdge } from './fold-namespaces';
import { explainEdge, fullGraphOf, ruleWords } from './full-graph';
import { formatCount } from './format-count';
import { layoutGraph } from './layout';
import {
  edgeId,
  HARD_LIMIT,
  type GraphEdge,
  type GraphModel,
  type GraphNode,
  type GraphQuery,
} from './model';
import { selectView } from './select-view';

/** Past this many nodes + edges a view folds its namespaces, unless asked for everything. */
export const FOLD_THRESHOLD = 3000;

/**
 * The graph of a query, laid out (models are shared: treat them as read-only): snapshot → full graph (once per authorizer) → the view the
 * filters, focus and highlight select → folded per namespace when too large → positions.
 */
export function buildGraphModel(authorizer: Authorizer, query: GraphQuery): GraphModel {
  const key = JSON.stringify(query);
  let models = recent.get(authorizer);
  if (!models) recent.set(authorizer, (models = new Map()));
  const cached = models.get(key);
  if (cached) return cached;
  const model = build(authorizer, query);
  models.set(key, model);
  if (models.size > RECENT) models.delete(models.keys().next().value!);
  return model;
}

/** Recent models of each authorizer (the page and the JSON export ask for the same one). */
const RECENT = 12;
const recent = new WeakMap<Authorizer, Map<string, GraphModel>>();

function build(authorizer: Authorizer, query: GraphQuery): GraphModel {
  const g = fullGraphOf(authorizer);
  const view = selectView(g, query);
  const detailElements = view.nodes.length + view.edges.length;
  let { nodes, highlight } = view;
  let edges: FoldedEdge[] = view.edges;
  let mode: GraphModel['meta']['mode'] = 'detail';
  const notices = [...view.notices];
  if (detailElements > FOLD_THRESHOLD && (!query.all || detailElements > HARD_LIMIT)) {
    const folded = foldNamespaces({ nodes, edges, highlight, focus: view.focus });
    ({ nodes, edges, highlight } = folded);
    mode = 'namespaces';
    notices.push(
      query.all
        ? `This view has ${formatCount(detailElements)} elements, more than ${formatCount(HARD_LIMIT)}: namespaces stay folded. Pick namespaces or focus a node.`
        : `This view has ${formatCount(detailElements)} elements: each namespace is folded into one node. Open a namespace, focus a node, or show everything.`,
    );
  }
  // Nodes of the full graph are shared between requests: copy, never mutate.
  const shown = nodes.map((n): GraphNode =>
    n.kind === 'Role' || n.kind === 'ClusterRole' ? { ...n, rules: ruleWords(g, n) } : { ...n },
  );
  const byId = new Map(shown.map((n) => [n.id, n]));
  const nodeOf = (id: string) => byId.get(id) ?? g.nodes.get(id)!;
  const graphEdges = edges.map((e): GraphEdge => {
    const out: GraphEdge = {
      id: edgeId(e.source, e.target),
      source: e.source,
      target: e.target,
      kind: e.kind,
      explain: '',
    };
    if (e.first) {
      const first = explainEdge(e.first, nodeOf(e.first.source), nodeOf(e.first.target));
      const more = (e.count ?? 1) - 1;
      out.explain = more > 0 ? `${first} (and ${more} more like it)` : first;
      out.count = e.count ?? 1;
    } else {
      out.explain = explainEdge(e, nodeOf(e.source), nodeOf(e.target));
    }
    if (e.missing) out.missing = true;
    return out;
  });
  const { positions, bands } = layoutGraph(shown, graphEdges);
  for (const n of shown) Object.assign(n, positions.get(n.id));
  const placed = shown;
  const model: GraphModel = {
    nodes: placed,
    edges: graphEdges,
    bands,
    meta: {
      mode,
      elements: placed.length + graphEdges.length,
      detailElements,
      notices,
      highlight,
      allNamespaces: g.namespaces,
      query,
    },
  };
  if (view.focus) model.meta.focus = view.focus;
  return model;
}
