'use client';

import { useRouter } from 'next/navigation';
import {
  useEffect,
  useMemo,
  useOptimistic,
  useRef,
  useState,
  useSyncExternalStore,
  useTransition,
} from 'react';
import { formatCount } from '@/lib/graph/format-count';
import { graphQueryString } from '@/lib/graph/query-string';
import { HARD_LIMIT, type GraphMeta, type GraphModel, type GraphQuery } from '@/lib/graph/model';
import { EmptyView } from './empty-view';
import { GraphCanvas, webglAvailable, type JumpRequest, type RenderTier } from './graph-canvas';
import { GraphLegend } from './graph-legend';
import { GraphToolbar } from './graph-toolbar';
import { requestModel } from './model-request';
import { NodeDetails } from './node-details';
import { PointerHint } from './pointer-hint';

/** Views past this many elements draw with speed settings (and WebGL, when asked for). */
const BIG_VIEW = 3000;

export type RendererChoice = 'auto' | 'canvas' | 'webgl';

const subscribeNothing = () => () => {};
const noWebgl = () => false;

/** What the page tells about its view before the model itself arrives. */
export interface GraphView {
  meta: GraphMeta;
  /** The focused node in words (`ServiceAccount myapp1`), when there is a focus. */
  focusLabel?: string;
}

interface Loaded {
  url: string;
  model?: GraphModel;
  error?: string;
}

/**
 * The model at `url` (`GET /api/graph?…`) of the data at `version`, fetched as JSON: the page
 * preloads it, so the request runs while the page's scripts load, and parsing a JSON response
 * costs far less than the same model inlined in the page's HTML. When the data changes (a live
 * cluster refreshes the page with a new version) the same URL is fetched again. While a new
 * model loads, or when it cannot be, the last model stays.
 */
function useGraphModel(url: string, version: number): Loaded | undefined {
  const [loaded, setLoaded] = useState<Loaded>();
  useEffect(() => {
    const abort = new AbortController();
    requestModel(url, abort.signal)
      .then((model) => {
        if (!abort.signal.aborted) setLoaded({ url, model });
      })
      .catch((err: unknown) => {
        if (abort.signal.aborted) return;
        const error = err instanceof Error ? err.message : String(err);
        setLoaded((last) => ({ url, model: last?.model, error }));
      });
    return () => abort.abort();
  }, [url, version]);
  return loaded;
}

/**
 * The Graph page's interactive part: filters and search, the canvas, the side panel and the
 * legend. Filters and focus live in the URL; changing them asks the server for a new page,
 * whose view names the model to fetch.
 */
export function GraphExplorer({
  view,
  modelUrl,
  dataVersion,
  renderer,
}: {
  view: GraphView;
  modelUrl: string;
  /** The version of the data the page was rendered from. */
  dataVersion: number;
  renderer: RendererChoice;
}) {
  const router = useRouter();
  const [navigating, startTransition] = useTransition();
  const [selected, setSelected] = useState<string>();
  const [jump, setJump] = useState<JumpRequest>();
  const loaded = useGraphModel(modelUrl, dataVersion);
  // The model drawn: the page's, or the last one while the page's loads (dimmed when it is
  // another view's; not when the same view's data has changed).
  const shown = loaded?.model;
  const pending = navigating || (!!shown && loaded?.url !== modelUrl);
  const loadError = loaded?.url === modelUrl ? loaded.error : undefined;
  const query = view.meta.query;
  // The filters show what was asked for while the server answers.
  const [shownQuery, setShownQuery] = useOptimistic(query);
  const model: GraphModel = useMemo(
    () => shown ?? { nodes: [], edges: [], bands: [], meta: view.meta },
    [shown, view.meta],
  );
  const byId = useMemo(() => new Map(model.nodes.map((n) => [n.id, n])), [model]);
  // WebGL is a browser question: ask it after hydration, and only when asked for (a probe
  // creates a WebGL context).
  const webgl = useSyncExternalStore(
    subscribeNothing,
    renderer === 'webgl' ? webglAvailable : noWebgl,
    noWebgl,
  );
  // Folded views draw hundreds of multi-line tiles: they get the speed settings too.
  const meta = model.meta;
  const big = meta.elements > BIG_VIEW || meta.mode === 'namespaces';
  const tier: RenderTier = renderer === 'webgl' && webgl ? 'webgl' : big ? 'big' : 'canvas';
  const viewKey = graphQueryString({ ...meta.query, highlight: meta.query.highlight });

  function navigate(change: Partial<GraphQuery>) {
    const next = { ...shownQuery, ...change };
    const qs = graphQueryString(next);
    const extra = renderer !== 'auto' ? `${qs ? '&' : ''}renderer=${renderer}` : '';
    setSelected(undefined);
    // A search's jump belongs to the view it was made in.
    setJump(undefined);
    startTransition(() => {
      setShownQuery(next);
      router.push(`/graph${qs || extra ? `?${qs}${extra}` : ''}`);
    });
  }

  // A control that takes itself away (Focus on this, Clear focus, …) hands the keyboard's focus
  // to the canvas, which shows what it asked for, not to the page's start.
  const canvasArea = useRef<HTMLDivElement>(null);
  function navigateToCanvas(change: Partial<GraphQuery>) {
    navigate(change);
    canvasArea.current
      ?.querySelector<HTMLElement>('[role="application"]')
      ?.focus({ preventScroll: true });
  }

  function select(id: string | undefined, center = false) {
    setSelected(id);
    if (id && center) setJump((j) => ({ id, seq: (j?.seq ?? 0) + 1 }));
  }

  const selectedNode = selected ? byId.get(selected) : undefined;

  return (
    <div className="flex h-full min-h-0 flex-col gap-3">
      <GraphToolbar
        query={shownQuery}
        allNamespaces={view.meta.allNamespaces}
        byId={byId}
        // The focus asked for, in words once this view's page has come.
        focusLabel={
          shownQuery.focus === query.focus
            ? (view.focusLabel ?? shownQuery.focus)
            : shownQuery.focus
        }
        pending={pending}
        onChange={navigate}
        onClear={navigateToCanvas}
        onFind={(id) => select(id, true)}
      />
      {view.meta.notices.length > 0 && (
        <div
          role="status"
          data-testid="graph-notices"
          className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {view.meta.notices.map((n) => (
            <span key={n}>{n}</span>
          ))}
          {view.meta.mode === 'namespaces' && !query.all && meta.detailElements <= HARD_LIMIT && (
            <button
              type="button"
              onClick={() => navigate({ all: true })}
              className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900"
            >
              Show everything ({formatCount(view.meta.detailElements)} elements)
            </button>
          )}
        </div>
      )}
      <div className="grid min-h-0 flex-1 grid-cols-1 gap-3 xl:grid-cols-[minmax(0,1fr)_18rem]">
        {/* The canvas, and under it (not over what it draws) how to move around in it. */}
        <div className="flex h-[70vh] min-h-[420px] flex-col gap-1 xl:h-auto">
          {/* An error sits under the canvas's buttons, not over them. */}
          <div
            ref={canvasArea}
            className={`relative min-h-0 flex-1 ${pending ? 'opacity-70' : ''}`}
          >
            {loadError && (
              <p
                role="alert"
                className="absolute inset-x-4 top-14 z-20 rounded-md border border-red-200 bg-white p-3 text-sm text-red-800"
              >
                The graph could not be loaded: {loadError}
              </p>
            )}
            {shown && shown.nodes.length === 0 && !pending && !loadError && (
              <EmptyView query={query} onChange={navigateToCanvas} />
            )}
            <GraphCanvas
              key={tier}
              model={shown}
              tier={tier}
              viewKey={viewKey}
              selected={selected}
              onSelect={(id) => select(id)}
              onFocus={(id) => navigate({ focus: id, highlight: [] })}
              onOpenNamespace={(ns) => navigate({ namespaces: [ns], all: false })}
              jump={jump}
              exportModel={pending || loadError ? undefined : shown}
            />
          </div>
          <p className="px-1 text-right text-[11px] leading-4 text-slate-500">
            <PointerHint
              mouse="Scroll to pan · Ctrl+scroll to zoom · double-click a node to focus it"
              touch="Drag to pan · pinch to zoom · double-tap a node to focus it"
            />
          </p>
        </div>
        <aside className="grid min-h-0 content-start gap-3 sm:grid-cols-2 xl:flex xl:flex-col xl:overflow-y-auto">
          <NodeDetails
            node={selectedNode}
            model={model}
            byId={byId}
            onSelect={(id) => select(id, true)}
            onFocus={(id) => navigateToCanvas({ focus: id, highlight: [] })}
            onOpenNamespace={(ns) => navigateToCanvas({ namespaces: [ns], all: false })}
          />
          <GraphLegend solidEdges={tier === 'webgl'} />
        </aside>
      </div>
    </div>
  );
}
