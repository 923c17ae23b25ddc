'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useOptimistic, useState, useSyncExternalStore, useTransition } from 'react';
import { graphQueryString } from '@/lib/graph/graph-query';
import type { GraphModel, GraphQuery } from '@/lib/graph/model';
import { GraphCanvas, webglAvailable, type JumpRequest, type RenderTier } from './graph-canvas';
import { GraphLegend } from './graph-legend';
import { GraphToolbar } from './graph-toolbar';
import { NodeDetails } from './node-details';

/** Views past this many elements draw with speed settings (and WebGL, when asked for). */
const BIG_VIEW = 3000;

export type RendererChoice = 'auto' | 'canvas' | 'webgl';

const subscribeNothing = () => () => {};

/**
 * The Graph page's interactive part: filters and search, the canvas, the side panel and the
 * legend. Filters and focus live in the URL; changing them asks the server for a new model.
 */
export function GraphExplorer({
  model,
  renderer,
}: {
  model: GraphModel;
  renderer: RendererChoice;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [selected, setSelected] = useState<string>();
  const [jump, setJump] = useState<JumpRequest>();
  const query = model.meta.query;
  // The filters show what was asked for while the server answers.
  const [shownQuery, setShownQuery] = useOptimistic(query);
  const byId = useMemo(() => new Map(model.nodes.map((n) => [n.id, n])), [model]);
  // WebGL is a browser question: ask it after hydration.
  const webgl = useSyncExternalStore(subscribeNothing, webglAvailable, () => false);
  // Folded views draw hundreds of multi-line tiles: they get the speed settings too.
  const big = model.meta.elements > BIG_VIEW || model.meta.mode === 'namespaces';
  const tier: RenderTier = renderer === 'webgl' && webgl ? 'webgl' : big ? 'big' : 'canvas';
  const viewKey = graphQueryString({ ...query, highlight: query.highlight });

  function navigate(change: Partial<GraphQuery>) {
    const next = { ...shownQuery, ...change };
    const qs = graphQueryString(next);
    const extra = renderer !== 'auto' ? `${qs ? '&' : ''}renderer=${renderer}` : '';
    setSelected(undefined);
    startTransition(() => {
      setShownQuery(next);
      router.push(`/graph${qs || extra ? `?${qs}${extra}` : ''}`);
    });
  }

  function select(id: string | undefined, center = false) {
    setSelected(id);
    if (id && center) setJump((j) => ({ id, seq: (j?.seq ?? 0) + 1 }));
  }

  const selectedNode = selected ? byId.get(selected) : undefined;
  const focusNode = model.meta.focus ? byId.get(model.meta.focus) : undefined;

  return (
    <div className="flex h-full min-h-0 flex-col gap-3">
      <GraphToolbar
        query={shownQuery}
        allNamespaces={model.meta.allNamespaces}
        nodes={model.nodes}
        focusLabel={focusNode ? `${focusNode.kind} ${focusNode.label}` : model.meta.focus}
        pending={pending}
        onChange={navigate}
        onFind={(id) => select(id, true)}
      />
      {model.meta.notices.length > 0 && (
        <div
          role="status"
          data-testid="graph-notices"
          className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {model.meta.notices.map((n) => (
            <span key={n}>{n}</span>
          ))}
          {model.meta.mode === 'namespaces' && !query.all && (
            <button
              type="button"
              onClick={() => navigate({ all: true })}
              className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900"
            >
              Show everything ({model.meta.detailElements.toLocaleString('en')} elements)
            </button>
          )}
        </div>
      )}
      <div className="grid min-h-0 flex-1 grid-cols-1 gap-3 xl:grid-cols-[minmax(0,1fr)_18rem]">
        <div className={`relative h-[70vh] min-h-[420px] xl:h-auto ${pending ? 'opacity-70' : ''}`}>
          <GraphCanvas
            key={tier}
            model={model}
            tier={tier}
            viewKey={viewKey}
            selected={selected}
            onSelect={(id) => select(id)}
            onFocus={(id) => navigate({ focus: id, highlight: [] })}
            onOpenNamespace={(ns) => navigate({ namespaces: [ns], all: false })}
            jump={jump}
            jsonHref={`/api/graph${viewKey ? `?${viewKey}` : ''}`}
          />
        </div>
        <aside className="grid min-h-0 content-start gap-3 sm:grid-cols-2 xl:flex xl:flex-col xl:overflow-y-auto">
          <NodeDetails
            node={selectedNode}
            model={model}
            onSelect={(id) => select(id, true)}
            onFocus={(id) => navigate({ focus: id, highlight: [] })}
            onOpenNamespace={(ns) => navigate({ namespaces: [ns], all: false })}
          />
          <GraphLegend />
        </aside>
      </div>
    </div>
  );
}
