import { EDGE_LOOKS, KIND_LOOKS, MISSING_COLOR } from '@/lib/graph/graph-style';

const SHAPE_CLASS: Record<string, string> = {
  ellipse: 'rounded-full',
  'round-rectangle': 'rounded-[3px]',
  rectangle: '',
  barrel: 'rounded-[4px]',
};

/**
 * What each shape and colour stands for, and how edges read. `solidEdges`: the graph is drawn
 * by cytoscape's WebGL renderer, which draws every edge solid (colour still tells them apart).
 */
export function GraphLegend({ solidEdges = false }: { solidEdges?: boolean }) {
  const lineStyle = (style: string) => (solidEdges ? 'solid' : style);
  return (
    <section
      className="rounded-lg border border-slate-200 bg-white p-4 text-xs text-slate-700"
      aria-labelledby="graph-legend-title"
      data-testid="graph-legend"
    >
      <h2 id="graph-legend-title" className="text-sm font-semibold text-slate-900">
        Legend
      </h2>
      <ul className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1.5">
        {Object.entries(KIND_LOOKS).map(([kind, look]) => (
          <li key={kind} className="flex items-center gap-2">
            <Swatch shape={look.shape} fill={look.fill} border={look.border} />
            <span>{look.label.replace(' (rules on one resource)', '')}</span>
          </li>
        ))}
        <li className="flex items-center gap-2">
          <span
            aria-hidden
            className="inline-block h-3 w-3.5 shrink-0 rounded-[3px] border-2 border-dashed bg-white"
            style={{ borderColor: MISSING_COLOR }}
          />
          <span>Missing role</span>
        </li>
      </ul>
      <ul className="mt-3 space-y-1 border-t border-slate-100 pt-3">
        <li className="flex items-center gap-2">
          <Line color="#94a3b8" style="solid" />
          Pod → ServiceAccount → binding → role → permission
        </li>
        {(['member-of', 'aggregates', 'contains'] as const).map((k) => (
          <li key={k} className="flex items-center gap-2">
            <Line color={EDGE_LOOKS[k].color} style={lineStyle(EDGE_LOOKS[k].style)} />
            {EDGE_LOOKS[k].label}
          </li>
        ))}
        <li className="flex items-center gap-2">
          <Line color={MISSING_COLOR} style={lineStyle('dashed')} />
          binding to a role that does not exist
        </li>
      </ul>
      {solidEdges && (
        <p className="mt-2 text-slate-500" data-testid="legend-solid-edges">
          The WebGL renderer draws every edge solid: tell them apart by colour.
        </p>
      )}
    </section>
  );
}

function Swatch({ shape, fill, border }: { shape: string; fill: string; border: string }) {
  if (shape === 'hexagon' || shape === 'round-diamond' || shape === 'round-pentagon') {
    const points =
      shape === 'hexagon'
        ? '3,1 11,1 14,7 11,13 3,13 0,7'
        : shape === 'round-diamond'
          ? '7,0 14,7 7,14 0,7'
          : '7,0.5 13.5,5.5 11,13.5 3,13.5 0.5,5.5';
    return (
      <svg aria-hidden width="14" height="14" viewBox="0 0 14 14" className="shrink-0">
        <polygon
          points={points}
          fill={fill}
          stroke={border}
          strokeWidth="1.2"
          strokeLinejoin="round"
        />
      </svg>
    );
  }
  return (
    <span
      aria-hidden
      className={`inline-block h-3 shrink-0 border ${shape === 'round-rectangle' ? 'w-4' : 'w-3'} ${SHAPE_CLASS[shape] ?? ''}`}
      style={{ backgroundColor: fill, borderColor: border }}
    />
  );
}

function Line({ color, style }: { color: string; style: string }) {
  return (
    <span
      aria-hidden
      className="inline-block w-6 shrink-0 border-t-2"
      style={{ borderColor: color, borderStyle: style }}
    />
  );
}
