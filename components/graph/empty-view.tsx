import type { GraphQuery } from '@/lib/graph/model';

/**
 * Shown over the canvas when a view has nothing to draw: says why, and offers the way out
 * (clear the filters, or show the built-in policy when everything else is hidden).
 */
export function EmptyView({
  query,
  onChange,
}: {
  query: GraphQuery;
  onChange: (change: Partial<GraphQuery>) => void;
}) {
  const filtered = query.namespaces.length > 0 || query.kinds.length > 0 || !!query.focus;
  const [text, action, change]: [string, string?, Partial<GraphQuery>?] = filtered
    ? [
        'Nothing in this data matches these filters.',
        'Clear the filters',
        { namespaces: [], kinds: [], focus: undefined, highlight: [] },
      ]
    : !query.system
      ? [
          'Nothing to draw: no bindings, Pods or ServiceAccounts outside the built-in policy.',
          'Show the built-in policy',
          { system: true },
        ]
      : ['Nothing to draw: this data holds no bindings, Pods or ServiceAccounts.'];
  return (
    <div
      data-testid="graph-empty"
      // Over the canvas, but its buttons stay usable.
      className="pointer-events-none absolute inset-0 z-10 grid place-items-center p-6 text-center"
    >
      <div className="max-w-sm">
        <p className="text-sm text-slate-600">{text}</p>
        {action && change && (
          <button
            type="button"
            onClick={() => onChange(change)}
            className="pointer-events-auto mt-3 rounded-md border border-slate-200 bg-white px-3 py-1.5 text-sm font-medium text-indigo-700 shadow-sm hover:bg-slate-50"
          >
            {action}
          </button>
        )}
      </div>
    </div>
  );
}
