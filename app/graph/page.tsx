import type { Metadata } from 'next';
import Link from 'next/link';
import {
  GraphExplorer,
  type GraphView,
  type RendererChoice,
} from '@/components/graph/graph-explorer';
import { MODEL_PRELOAD_ATTR } from '@/components/graph/model-request';
import { buildGraphModel } from '@/lib/graph/build-model';
import { formatCount } from '@/lib/graph/format-count';
import { parseGraphQuery, unknownParamsNotice } from '@/lib/graph/graph-query';
import { graphQueryString } from '@/lib/graph/query-string';
import { getState } from '@/lib/server/snapshot-store';

export const metadata: Metadata = { title: 'Graph' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const RENDERERS: RendererChoice[] = ['auto', 'canvas', 'webgl'];

/**
 * Who is bound to what: Pods → subjects → bindings → roles → permissions. The model and its
 * layout are computed on the server; the browser only draws them. The page carries what the
 * view is (filters, counts, notices); the model itself comes as JSON from `/api/graph` with
 * the same query, preloaded from the page's head: for large views, the same model inlined in
 * the page (as a Server Component prop) costs several times more to send, parse and hydrate.
 */
export default async function GraphPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const parsed = parseGraphQuery(params);
  if (!parsed.ok) {
    return (
      <section className="max-w-2xl">
        <h1 className="text-2xl font-semibold tracking-tight">Graph</h1>
        <p
          role="alert"
          className="mt-3 rounded-lg border border-red-200 bg-white p-4 text-sm text-red-800"
        >
          This graph address is not valid: {parsed.error}
        </p>
        <Link
          href="/graph"
          className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline"
        >
          Show the whole graph
        </Link>
      </section>
    );
  }
  const wanted = typeof params.renderer === 'string' ? params.renderer : 'auto';
  const renderer = RENDERERS.find((r) => r === wanted) ?? 'auto';
  const { authorizer, version } = await getState();
  const model = buildGraphModel(authorizer, parsed.query);
  const nodes = model.nodes.length;
  const edges = model.edges.length;
  const qs = graphQueryString(model.meta.query);
  const modelUrl = `/api/graph${qs ? `?${qs}` : ''}`;
  const focusNode = model.meta.focus
    ? model.nodes.find((n) => n.id === model.meta.focus)
    : undefined;
  const ignored = unknownParamsNotice(Object.keys(params));
  const view: GraphView = {
    meta: ignored ? { ...model.meta, notices: [ignored, ...model.meta.notices] } : model.meta,
    ...(focusNode ? { focusLabel: `${focusNode.kind} ${focusNode.label}` } : {}),
  };
  return (
    // Wider than the other pages on large screens, and as tall as the window: a graph wants
    // the room. Narrower screens put the side panel under the graph.
    <div className="flex flex-col gap-3 xl:h-[calc(100vh-8.5rem)] xl:min-h-[600px] min-[1280px]:mx-[calc((1280px-100vw)/2+16px)]">
      {/* The browser fetches the model while it loads the scripts; `fetch(modelUrl)` in the
          explorer's model request (mode cors, same-origin credentials) gets this response. */}
      <link
        rel="preload"
        as="fetch"
        href={modelUrl}
        crossOrigin="anonymous"
        fetchPriority="low"
        {...{ [MODEL_PRELOAD_ATTR]: '' }}
      />
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h1 className="text-2xl font-semibold tracking-tight">Graph</h1>
        <p className="text-sm text-slate-600" data-testid="graph-summary">
          {formatCount(nodes)} nodes · {formatCount(edges)} edges
          {model.meta.mode === 'namespaces' ? ' · namespaces folded' : ''}
          {model.meta.focus ? ' · focused view' : ''}
        </p>
      </div>
      <GraphExplorer view={view} modelUrl={modelUrl} dataVersion={version} renderer={renderer} />
    </div>
  );
}
