'use client';

import type cytoscapeFn from 'cytoscape';
import type { Core, ElementDefinition, EventObject, StylesheetJson } from 'cytoscape';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { fitLabels, type LabelFont } from '@/lib/graph/fit-labels';
import {
  bandAt,
  fitViewport,
  initialViewport,
  MAX_ZOOM,
  MIN_ZOOM,
  splitByBox,
  viewportInBand,
  visibleBox,
} from '@/lib/graph/first-view';
import { graphStylesheet } from '@/lib/graph/graph-style';
import { formatCount } from '@/lib/graph/format-count';
import type { GraphModel } from '@/lib/graph/model';
import { PNG_MAX_SIDE, pngScale } from '@/lib/graph/png-scale';
import { modelBounds, toElements, type ElementDef } from '@/lib/graph/to-elements';
import { afterDraw } from './after-draw';
import { CanvasControls } from './canvas-controls';
import { drawFirstFrameDirectly } from './direct-first-frame';
import { EdgeTooltip, type EdgeTip } from './edge-tooltip';

/** How the canvas draws: plain canvas, canvas tuned for large views, or cytoscape's WebGL. */
export type RenderTier = 'canvas' | 'big' | 'webgl';

export interface JumpRequest {
  id: string;
  /** Bumped for every request, so jumping to the same node twice works. */
  seq: number;
}

interface Props {
  /** Undefined while the model loads. */
  model: GraphModel | undefined;
  tier: RenderTier;
  /** Identifies the view (filters and focus): the viewport is reset when it changes. */
  viewKey: string;
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
  onFocus: (id: string) => void;
  onOpenNamespace: (namespace: string) => void;
  jump: JumpRequest | undefined;
  /**
   * The model of this view, for the JSON export: undefined while it loads or when it could not
   * be loaded (an older view's model may be drawn meanwhile, and is not this view's).
   */
  exportModel: GraphModel | undefined;
}

const sig = (e: ElementDef) => JSON.stringify([e.data, e.position, e.classes]);

/**
 * Past this many new elements, what the first viewport shows is added and drawn first (the
 * graph is ready then), and the rest follows in batches of BATCH, one task each, so the page
 * answers input between them.
 */
const DRAW_ALL_AT_ONCE = 400;
const BATCH = 1000;

/** Adds element definitions to cytoscape, nodes before edges (an edge needs its ends). */
function addElements(cy: Core, defs: ElementDef[]) {
  cy.add(defs.filter((e) => e.group === 'nodes') as ElementDefinition[]);
  cy.add(defs.filter((e) => e.group === 'edges') as ElementDefinition[]);
}

/**
 * Measures label texts the way cytoscape does (a 2D context's `measureText`, font string
 * `style weight size family`), setting the context's font only when it changes.
 */
function labelMeasurer(family: string): (text: string, font: LabelFont) => number {
  const context = document.createElement('canvas').getContext('2d');
  let current = '';
  return (text, font) => {
    if (!context) return 0;
    const spec = `normal ${font.weight} ${font.size}px ${family}`;
    if (spec !== current) context.font = current = spec;
    return context.measureText(text).width;
  };
}

/**
 * Cytoscape, asked for when this module is first evaluated (as React begins to hydrate the
 * page's content): its chunk, half of the page's JavaScript, is then fetched and compiled while
 * React hydrates, instead of holding up the page's other scripts until it is.
 */
let cytoscape: typeof cytoscapeFn | undefined;
const cytoscapeLoaded: Promise<typeof cytoscapeFn> | undefined =
  typeof window === 'undefined'
    ? undefined
    : import('cytoscape').then((m) => (cytoscape = m.default));
// Handled where it is awaited; not an unhandled rejection meanwhile.
cytoscapeLoaded?.catch(() => {});

let webgl: boolean | undefined;

/** Whether this browser can give cytoscape a WebGL2 context (asked once, the probe released). */
export function webglAvailable(): boolean {
  if (webgl === undefined) {
    try {
      const gl = document.createElement('canvas').getContext('webgl2');
      webgl = !!gl;
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    } catch {
      webgl = false;
    }
  }
  return webgl;
}

/**
 * The one owner of the cytoscape instance: created once (per render tier), elements diffed in
 * `cy.batch` when the model changes, every `cy.on` removed on cleanup, destroyed on unmount.
 * Wheel pans, Ctrl/⌘+wheel zooms, two fingers pinch; positions come from the model (preset
 * layout).
 */
export function GraphCanvas({
  model,
  tier,
  viewKey,
  selected,
  onSelect,
  onFocus,
  onOpenNamespace,
  jump,
  exportModel,
}: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const measureRef = useRef<ReturnType<typeof labelMeasurer> | null>(null);
  const sigs = useRef(new Map<string, string>());
  const shownKey = useRef<string | undefined>(undefined);
  /** Elements of the current model still to be added after the first viewport is drawn. */
  const pending = useRef<ElementDef[]>([]);
  /** Bumped for every diff: a batch of an older one does not run. */
  const generation = useRef(0);
  const handledJump = useRef(0);
  const [cyReady, setCyReady] = useState(false);
  const [ready, setReady] = useState(false);
  const [pendingCount, setPendingCount] = useState(0);
  const complete = ready && pendingCount === 0;
  const [tooltip, setTooltip] = useState<EdgeTip>();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string>();
  const [loadError, setLoadError] = useState<string>();

  const elements = useMemo(() => (model ? toElements(model) : undefined), [model]);
  const edgeText = useMemo(() => new Map(model?.edges.map((e) => [e.id, e.explain])), [model]);

  // Handlers see the latest props without re-registering; `draw` sees the latest view.
  const latest = useRef({ onSelect, onFocus, onOpenNamespace, edgeText });
  const view = useRef({ model, elements, viewKey });
  useEffect(() => {
    latest.current = { onSelect, onFocus, onOpenNamespace, edgeText };
    view.current = { model, elements, viewKey };
  });
  /** The view `draw` last put in cytoscape. */
  const drawn = useRef<{ elements: ElementDef[]; viewKey: string } | undefined>(undefined);
  /** Cancels the wait for the frame of the last `draw`. */
  const cancelShown = useRef<(() => void) | undefined>(undefined);

  /**
   * Diffs the current view's elements into cytoscape and resets the viewport when the view
   * changed. A large addition draws what the viewport shows first: the rest is left to the
   * batches below. `data-ready` is set once the frame that draws it is on screen.
   */
  function draw(cy: Core) {
    const { model, elements, viewKey } = view.current;
    if (!model || !elements) return;
    drawn.current = { elements, viewKey };
    cancelShown.current?.();
    setReady(false);
    generation.current++;
    pending.current = [];
    const next = new Map(elements.map((e) => [e.data.id as string, e]));
    const known = sigs.current;
    let changed = false;
    if (shownKey.current !== viewKey) {
      shownKey.current = viewKey;
      cy.viewport(initialViewport(model, cy.width(), cy.height()));
      changed = true;
    }
    const added: ElementDef[] = [];
    const updated: ElementDef[] = [];
    for (const [id, e] of next) {
      const old = known.get(id);
      if (old === undefined) added.push(e);
      else if (old !== sig(e)) updated.push(e);
    }
    const { first, rest } =
      added.length > DRAW_ALL_AT_ONCE
        ? splitByBox(added, visibleBox({ zoom: cy.zoom(), pan: cy.pan() }, cy.width(), cy.height()))
        : { first: added, rest: [] };
    const measure = measureRef.current;
    const fit = (defs: ElementDef[]) => (measure ? fitLabels(defs, measure) : defs);
    cy.batch(() => {
      const removed = cy.collection();
      for (const id of known.keys()) {
        if (!next.has(id)) removed.merge(cy.getElementById(id));
      }
      if (removed.nonempty()) changed = true;
      cy.remove(removed);
      for (const id of [...known.keys()]) if (!next.has(id)) known.delete(id);
      const fitted = fit(updated);
      updated.forEach((original, i) => {
        const e = fitted[i]!;
        known.set(e.data.id as string, sig(original));
        changed = true;
        const ele = cy.getElementById(e.data.id as string);
        // `data()` merges: a key the element no longer has is removed.
        const gone = Object.keys(ele.data()).filter((k) => !(k in e.data));
        if (gone.length > 0) ele.removeData(gone.join(' '));
        ele.data(e.data);
        ele.classes(e.classes);
        if (e.position) ele.position(e.position);
      });
      for (const e of first) known.set(e.data.id as string, sig(e));
      if (first.length > 0) changed = true;
      addElements(cy, fit(first));
    });
    // Nodes before edges, so every batch finds the ends of its edges.
    pending.current = [
      ...rest.filter((e) => e.group === 'nodes'),
      ...rest.filter((e) => e.group === 'edges'),
    ];
    setPendingCount(pending.current.length);
    performance.mark('graph:elements-set');
    const shown = () => {
      cancelShown.current = undefined;
      performance.mark('graph:ready');
      const wrap = wrapRef.current;
      if (wrap) {
        wrap.dataset.readyMs = performance.now().toFixed(0);
        wrap.dataset.drawnCount = String(cy.elements().length);
      }
      setReady(true);
    };
    if (changed) cancelShown.current = afterDraw(cy, tier, shown);
    else shown();
  }

  // Create cytoscape once the first model is here, and draw it in the same task (no empty
  // frame first); tear it down on unmount.
  const hasModel = !!model;
  useEffect(() => {
    if (!hasModel) return;
    let cancelled = false;
    let cleanup: (() => void) | undefined;
    const box = boxRef.current!;
    const wrap = wrapRef.current!;
    performance.mark('graph:canvas-mounted');
    const font = getComputedStyle(document.body).fontFamily || 'sans-serif';
    const create = () => {
      performance.mark('graph:font-ready');
      measureRef.current = labelMeasurer(font);
      const big = tier !== 'canvas';
      const cy = cytoscape!({
        container: box,
        style: graphStylesheet(font, big) as unknown as StylesheetJson,
        elements: [],
        layout: { name: 'preset' },
        minZoom: MIN_ZOOM,
        maxZoom: MAX_ZOOM,
        boxSelectionEnabled: false,
        autoungrabify: true,
        selectionType: 'single',
        motionBlur: false,
        textureOnViewport: big,
        hideEdgesOnViewport: big,
        ...(big ? { pixelRatio: 1 } : {}),
        ...(tier === 'webgl' ? { webgl: true } : {}),
      });
      cyRef.current = cy;
      performance.mark('graph:cytoscape-created');
      const clearEdgeHover = () => {
        cy.edges('.hover').removeClass('hover');
        setTooltip(undefined);
      };
      const onTap = (evt: EventObject) => {
        const id: string = evt.target.id();
        clearEdgeHover();
        if (evt.target.data('kind') === 'Namespace' && !evt.target.hasClass('more')) {
          latest.current.onOpenNamespace(evt.target.data('label').split('\n')[0]);
          return;
        }
        latest.current.onSelect(id);
      };
      const onBackground = (evt: EventObject) => {
        if (evt.target !== cy) return;
        clearEdgeHover();
        latest.current.onSelect(undefined);
      };
      const onDouble = (evt: EventObject) => {
        if (evt.target.data('kind') !== 'Namespace') latest.current.onFocus(evt.target.id());
      };
      const onEdgeOver = (evt: EventObject) => {
        const edge = evt.target;
        edge.addClass('hover');
        const p = evt.renderedPosition ?? edge.renderedMidpoint();
        setTooltip({
          x: p.x,
          y: p.y,
          text: latest.current.edgeText.get(edge.id()) ?? '',
          width: cy.width(),
          height: cy.height(),
        });
      };
      const onEdgeOut = (evt: EventObject) => {
        evt.target.removeClass('hover');
        setTooltip(undefined);
      };
      // A touch screen has no hover: a tap on an edge explains it, until the next tap.
      const onEdgeTap = (evt: EventObject) => {
        clearEdgeHover();
        onEdgeOver(evt);
      };
      let frame = 0;
      const onViewport = () => {
        setTooltip(undefined);
        if (frame) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          const pan = cy.pan();
          wrap.dataset.zoom = cy.zoom().toFixed(4);
          wrap.dataset.panX = pan.x.toFixed(1);
          wrap.dataset.panY = pan.y.toFixed(1);
        });
      };
      // Wheel pans, Ctrl/⌘ + wheel (and a trackpad's pinch) zooms about the pointer. Caught on
      // the way down to the canvas, before cytoscape's own wheel zoom; cytoscape keeps its
      // touch gestures: one finger pans, two pinch.
      const onWheel = (e: WheelEvent) => {
        if (!(e.target instanceof Node) || !box.contains(e.target)) return;
        e.preventDefault();
        e.stopPropagation();
        const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? box.clientHeight : 1;
        if (e.ctrlKey || e.metaKey) {
          const rect = box.getBoundingClientRect();
          const level = cy.zoom() * Math.pow(1.0025, -e.deltaY * scale);
          cy.zoom({
            level: Math.min(cy.maxZoom(), Math.max(cy.minZoom(), level)),
            renderedPosition: { x: e.clientX - rect.left, y: e.clientY - rect.top },
          });
        } else {
          const dx = e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX;
          const dy = e.shiftKey && e.deltaX === 0 ? 0 : e.deltaY;
          cy.panBy({ x: -dx * scale, y: -dy * scale });
        }
      };
      const listeners: [string, string | undefined, (evt: EventObject) => void][] = [
        ['tap', 'node', onTap],
        ['tap', 'edge', onEdgeTap],
        ['tap', undefined, onBackground],
        ['dbltap', 'node', onDouble],
        ['mouseover', 'edge', onEdgeOver],
        ['mouseout', 'edge', onEdgeOut],
        ['viewport', undefined, onViewport],
      ];
      for (const [events, selector, handler] of listeners) {
        if (selector) cy.on(events, selector, handler);
        else cy.on(events, handler);
      }
      wrap.addEventListener('wheel', onWheel, { capture: true, passive: false });
      cleanup = () => {
        wrap.removeEventListener('wheel', onWheel, { capture: true });
        for (const [events, selector, handler] of listeners) {
          if (selector) cy.off(events, selector, handler);
          else cy.off(events, handler);
        }
        if (frame) cancelAnimationFrame(frame);
        cy.destroy();
        cyRef.current = null;
        measureRef.current = null;
        sigs.current.clear();
        shownKey.current = undefined;
        pending.current = [];
        drawn.current = undefined;
        setCyReady(false);
      };
      const direct = tier !== 'webgl' && drawFirstFrameDirectly(cy);
      wrap.dataset.firstFrame = direct ? 'direct' : 'cached';
      draw(cy);
      setCyReady(true);
    };
    const start = () => {
      try {
        create();
      } catch (err) {
        setLoadError(err instanceof Error ? err.message : String(err));
      }
    };
    // Labels are measured before they are drawn: wait for the page's font when it has not
    // loaded yet (it usually has), and for cytoscape's chunk.
    if (cytoscape && document.fonts.check(`13px ${font}`)) start();
    else
      Promise.all([cytoscapeLoaded, document.fonts.load(`13px ${font}`).catch(() => [])]).then(
        () => {
          if (!cancelled) start();
        },
        (err: unknown) => {
          if (!cancelled) setLoadError(err instanceof Error ? err.message : String(err));
        },
      );
    return () => {
      cancelled = true;
      cancelShown.current?.();
      cleanup?.();
    };
    // `draw` reads the latest view from a ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tier, hasModel]);

  // Later views: diff them in.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cyReady || !cy || !model || !elements) return;
    if (drawn.current?.elements === elements && drawn.current.viewKey === viewKey) return;
    draw(cy);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cyReady, elements, viewKey, model]);

  // Once the first viewport is on screen, add the rest in batches, one task each.
  useEffect(() => {
    const cy = cyRef.current;
    if (!ready || !cy || pending.current.length === 0) return;
    const measure = measureRef.current;
    const mine = generation.current;
    let timer = 0;
    let cancelDraw: (() => void) | undefined;
    const step = () => {
      if (generation.current !== mine) return;
      const batch = pending.current.splice(0, BATCH);
      for (const e of batch) sigs.current.set(e.data.id as string, sig(e));
      cy.batch(() => addElements(cy, measure ? fitLabels(batch, measure) : batch));
      if (pending.current.length > 0) {
        setPendingCount(pending.current.length);
        timer = window.setTimeout(step, 0);
        return;
      }
      cancelDraw = afterDraw(cy, tier, () => {
        performance.mark('graph:complete');
        const wrap = wrapRef.current;
        if (wrap) {
          wrap.dataset.completeMs = performance.now().toFixed(0);
          wrap.dataset.drawnCount = String(cy.elements().length);
        }
        setPendingCount(0);
      });
    };
    timer = window.setTimeout(step, 0);
    return () => {
      clearTimeout(timer);
      cancelDraw?.();
    };
  }, [ready, tier]);

  // Selection follows the parent.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cyReady || !cy) return;
    cy.batch(() => {
      cy.$(':selected').unselect();
      if (selected) cy.getElementById(selected).select();
    });
  }, [cyReady, selected, elements, complete]);

  // Jump to a node: show it in its namespace (the band's title in view when that fits), at 1.1×
  // or down to 0.8× when that shows the band's whole width (else its start and the node), never
  // zoomed out from where the user is; else centred unless near the graph's edges.
  useEffect(() => {
    const cy = cyRef.current;
    const shown = view.current.model;
    if (!cyReady || !cy || !shown || !jump || handledJump.current === jump.seq) return;
    const node = cy.getElementById(jump.id);
    // Not drawn yet: tried again when the last batch is in.
    if (node.empty()) return;
    handledJump.current = jump.seq;
    cy.stop();
    const at = node.position();
    const to = viewportInBand(
      at,
      Math.max(cy.zoom(), 1.1),
      bandAt(shown, at),
      modelBounds(shown),
      cy.width(),
      cy.height(),
      Math.max(cy.zoom(), 0.8),
    );
    cy.animate(to, { duration: 350 });
  }, [cyReady, jump, complete]);

  function fitAll() {
    const cy = cyRef.current;
    if (!cy) return;
    const b = cy.elements().boundingBox();
    cy.stop();
    cy.animate(fitViewport(b, cy.width(), cy.height(), 1.15), { duration: 300 });
  }

  // With the canvas focused: the arrow keys pan (Shift: further), + and − zoom, 0 fits.
  function onKeyDown(e: KeyboardEvent) {
    const cy = cyRef.current;
    if (!cy || e.ctrlKey || e.metaKey || e.altKey) return;
    const step = e.shiftKey ? 240 : 60;
    const pans: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const pan = pans[e.key];
    if (pan) cy.panBy({ x: pan[0], y: pan[1] });
    else if (e.key === '+' || e.key === '=') zoomBy(1.25);
    else if (e.key === '-') zoomBy(0.8);
    else if (e.key === '0') fitAll();
    else return;
    e.preventDefault();
  }

  function zoomBy(factor: number) {
    const cy = cyRef.current;
    if (!cy) return;
    const box = boxRef.current!;
    cy.zoom({
      level: Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor)),
      renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 },
    });
  }

  async function exportPng() {
    const cy = cyRef.current;
    if (!cy) return;
    setExporting(true);
    setExportError(undefined);
    try {
      const bb = cy.elements().boundingBox();
      const blob = await cy.png({
        output: 'blob-promise',
        full: true,
        bg: '#ffffff',
        // Cytoscape ignores maxWidth and maxHeight when given a scale, which is computed here
        // for them; given, they keep it from multiplying the scale by the screen's pixel ratio.
        scale: pngScale(Math.ceil(bb.w), Math.ceil(bb.h)),
        maxWidth: PNG_MAX_SIDE,
        maxHeight: PNG_MAX_SIDE,
      });
      download(blob, 'rbac-graph.png');
    } catch (err) {
      setExportError(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  }

  return (
    <div
      ref={wrapRef}
      data-testid="graph-canvas"
      data-ready={ready ? 'true' : 'false'}
      data-complete={complete ? 'true' : 'false'}
      data-pending-count={pendingCount}
      data-node-count={model?.nodes.length ?? 0}
      data-edge-count={model?.edges.length ?? 0}
      data-mode={model?.meta.mode}
      data-renderer={tier}
      data-selected={selected ?? ''}
      data-highlight-count={model?.meta.highlight.length ?? 0}
      // The canvas's focus ring goes on this frame: drawn on the canvas box, the layers over it
      // would hide it.
      className="relative h-full min-h-0 overflow-hidden rounded-lg border border-slate-200 bg-white has-[[role=application]:focus-visible]:ring-2 has-[[role=application]:focus-visible]:ring-indigo-500"
    >
      <div
        ref={boxRef}
        // Inline: cytoscape's own stylesheet makes its container position: relative.
        style={{ position: 'absolute', inset: 0 }}
        role="application"
        aria-label="RBAC graph: the arrow keys pan, plus and minus zoom, 0 fits the whole graph"
        tabIndex={0}
        onKeyDown={onKeyDown}
      />
      {loadError && (
        <p role="alert" className="absolute inset-x-4 top-4 text-sm text-red-700">
          The graph could not be drawn: {loadError}
        </p>
      )}
      {tooltip && tooltip.text && <EdgeTooltip tip={tooltip} />}
      <CanvasControls
        onZoom={zoomBy}
        onFit={fitAll}
        onExportPng={() => void exportPng()}
        exportReady={complete}
        exporting={exporting}
        onExportJson={() => {
          if (exportModel) download(modelJsonBlob(exportModel), 'rbac-graph.json');
        }}
        jsonReady={!!exportModel}
      />
      {exportError && (
        <p
          role="alert"
          className="absolute bottom-2 left-3 z-10 rounded border border-red-200 bg-white px-2 py-1 text-xs text-red-800"
        >
          The PNG could not be made: {exportError}
        </p>
      )}
      {ready && pendingCount > 0 && (
        <p
          role="status"
          className="pointer-events-none absolute bottom-2 left-3 z-10 rounded bg-white/80 px-1.5 text-[11px] text-slate-500"
        >
          Drawing {formatCount(pendingCount)} more elements…
        </p>
      )}
    </div>
  );
}

function modelJsonBlob(model: GraphModel): Blob {
  return new Blob([JSON.stringify(model, null, 2)], { type: 'application/json' });
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
