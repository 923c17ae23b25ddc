'use client';

import { Fragment, useId, useState } from 'react';

/** A cell as the server prepares it: the access and the reasons behind it, in words. */
export interface CellView {
  access: 'all' | 'some';
  resourceNames?: string[];
  reasons: string[];
}

export interface RowView {
  /** `pods`, `deployments/scale`, `/metrics`, `*`. */
  label: string;
  /** The API group, for resources ('' is core); undefined for non-resource URLs. */
  group?: string;
  cells: Record<string, CellView>;
}

export interface ScopeView {
  /** '' for cluster-wide. */
  namespace: string;
  rows: RowView[];
}

const scopeLabel = (ns: string) => (ns ? ns : 'Cluster-wide');

/**
 * The effective-permissions matrix: resource × verb, one tab per scope. Hovering a cell shows
 * its reasons; clicking or focusing one and pressing Enter shows them under the table.
 */
export function PermissionsMatrixView({
  verbs,
  scopes,
  initialScope = '',
}: {
  verbs: string[];
  scopes: ScopeView[];
  /** The namespace shown first ('' for cluster-wide). */
  initialScope?: string;
}) {
  const [scopeIndex, setScopeIndex] = useState(() =>
    Math.max(
      0,
      scopes.findIndex((s) => s.namespace === initialScope),
    ),
  );
  const [selected, setSelected] = useState<{ row: number; verb: string } | undefined>();
  const ids = useId();
  const scope = scopes[scopeIndex] ?? scopes[0];
  if (!scope) return null;
  const choose = (i: number) => {
    setScopeIndex(i);
    setSelected(undefined);
  };
  const cell = selected && scope.rows[selected.row]?.cells[selected.verb];
  const selectedRow = selected && scope.rows[selected.row];

  return (
    <div data-testid="permissions-matrix">
      <div
        role="tablist"
        aria-label="Scope"
        className="flex flex-wrap gap-1 border-b border-slate-200 px-5"
      >
        {scopes.map((s, i) => (
          <button
            key={s.namespace}
            type="button"
            role="tab"
            id={`${ids}-tab-${i}`}
            aria-selected={i === scopeIndex}
            aria-controls={`${ids}-panel`}
            tabIndex={i === scopeIndex ? 0 : -1}
            onClick={() => choose(i)}
            onKeyDown={(e) => {
              // Arrow keys move between tabs, as in any tab list; Tab moves on into the table.
              const next =
                e.key === 'ArrowRight'
                  ? (i + 1) % scopes.length
                  : e.key === 'ArrowLeft'
                    ? (i - 1 + scopes.length) % scopes.length
                    : e.key === 'Home'
                      ? 0
                      : e.key === 'End'
                        ? scopes.length - 1
                        : undefined;
              if (next === undefined) return;
              e.preventDefault();
              choose(next);
              document.getElementById(`${ids}-tab-${next}`)?.focus();
            }}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              i === scopeIndex
                ? 'border-indigo-600 text-indigo-700'
                : 'border-transparent text-slate-600 hover:text-slate-900'
            }`}
          >
            {scopeLabel(s.namespace)}
            <span className="ml-1.5 text-xs font-normal text-slate-400">{s.rows.length}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-tab-${scopeIndex}`}>
        {scope.rows.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-600">
            Nothing is granted {scope.namespace ? `in ${scope.namespace}` : 'cluster-wide'}.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table
              className="w-full text-sm"
              data-testid={`matrix-${scope.namespace || 'cluster'}`}
            >
              <caption className="sr-only">
                What is allowed{' '}
                {scope.namespace ? `in namespace ${scope.namespace}` : 'cluster-wide'}: a row per
                resource, a column per verb
              </caption>
              <thead className="bg-slate-50 text-xs text-slate-500">
                <tr>
                  <th scope="col" className="px-5 py-2 text-left font-medium">
                    Resource
                  </th>
                  {verbs.map((v) => (
                    <th key={v} scope="col" className="px-2 py-2 text-center font-mono font-medium">
                      {v}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {scope.rows.map((row, r) => (
                  <Fragment key={`${row.group ?? '/'}|${row.label}`}>
                    {row.group === undefined && scope.rows[r - 1]?.group !== undefined && (
                      <tr>
                        <th
                          scope="colgroup"
                          colSpan={verbs.length + 1}
                          className="bg-slate-50 px-5 py-1.5 text-left text-xs font-medium text-slate-500"
                        >
                          Non-resource URLs
                        </th>
                      </tr>
                    )}
                    <tr data-testid="matrix-row">
                      <th
                        scope="row"
                        className="whitespace-nowrap px-5 py-1.5 text-left font-normal"
                      >
                        <span className="font-mono text-[13px] text-slate-900">{row.label}</span>
                        {row.group !== undefined && row.group !== '' && (
                          <span className="ml-1.5 text-xs text-slate-400">{row.group}</span>
                        )}
                      </th>
                      {verbs.map((v) => {
                        const c = row.cells[v];
                        if (!c) {
                          return (
                            <td key={v} className="px-2 py-1.5 text-center text-slate-300">
                              <span aria-hidden>·</span>
                              <span className="sr-only">no</span>
                            </td>
                          );
                        }
                        const isSelected = selected?.row === r && selected.verb === v;
                        const title = [
                          c.access === 'some' ? `Only ${c.resourceNames?.join(', ')}` : undefined,
                          ...c.reasons,
                        ]
                          .filter(Boolean)
                          .join('\n');
                        return (
                          <td key={v} className="px-1 py-1 text-center">
                            <button
                              type="button"
                              title={title}
                              aria-pressed={isSelected}
                              aria-label={`${v} ${row.label}: ${c.access === 'all' ? 'yes' : `only ${c.resourceNames?.join(', ')}`}. Show why`}
                              onClick={() =>
                                setSelected(isSelected ? undefined : { row: r, verb: v })
                              }
                              className={`inline-flex min-w-8 items-center justify-center rounded px-1.5 py-0.5 text-xs font-semibold ${
                                c.access === 'all'
                                  ? 'bg-green-100 text-green-800 hover:bg-green-200'
                                  : 'bg-amber-100 text-amber-900 hover:bg-amber-200'
                              } ${isSelected ? 'ring-2 ring-indigo-500' : ''}`}
                            >
                              {c.access === 'all' ? '✓' : 'names'}
                            </button>
                          </td>
                        );
                      })}
                    </tr>
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div
          aria-live="polite"
          data-testid="matrix-reason"
          className="border-t border-slate-100 bg-slate-50 px-5 py-3 text-sm"
        >
          {cell && selectedRow ? (
            <>
              <p className="font-medium text-slate-900">
                <span className="font-mono">{selected?.verb}</span> on{' '}
                <span className="font-mono">{selectedRow.label}</span>{' '}
                {scope.namespace ? `in ${scope.namespace}` : 'cluster-wide'}
                {cell.access === 'some' && `, only ${cell.resourceNames?.join(', ')}`}, because:
              </p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
                {cell.reasons.map((reason, i) => (
                  <li key={i}>{reason}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-slate-500">
              Hover over a cell for its reasons, or select it to show them here.{' '}
              <span className="text-amber-900">names</span> means only the objects a rule names.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
