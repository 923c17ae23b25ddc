'use client';

import { useId, useState } from 'react';
import type { GrantPath } from '@/lib/rbac/authorizer';
import { describePath } from '@/lib/rbac/describe';
import type { GrantChange } from '@/lib/manifests/preview-effect';
import type { MatrixCell, PermissionsMatrix } from '@/lib/rbac/permissions-matrix';

/** Groups whose grants every authenticated user or ServiceAccount holds. */
const EVERYONE = new Set([
  'system:authenticated',
  'system:serviceaccounts',
  'system:unauthenticated',
]);

const fromEveryone = (paths: GrantPath[]) =>
  paths.every((p) => p.subject.kind === 'Group' && EVERYONE.has(p.subject.name));

interface Row {
  key: string;
  label: string;
  group: string;
  cells: Record<string, MatrixCell>;
}

const cellKey = (namespace: string, group: string, resource: string, verb: string) =>
  [namespace, group, resource, verb].join('|');

/**
 * A subject's effective permissions after the change, one resource × verb table per scope,
 * with the cells the change adds or widens marked (a cluster-wide change marks every scope).
 * Grants every authenticated user holds are folded away.
 */
export function PermissionTable({
  after,
  changes,
  label,
}: {
  after: PermissionsMatrix;
  changes: GrantChange[];
  label: string;
}) {
  const id = useId();
  const [showEveryone, setShowEveryone] = useState(false);
  const gained = new Set(
    changes
      .filter((c) => c.change !== 'removed')
      .map((c) => cellKey(c.namespace, c.apiGroup, c.resource, c.verb)),
  );
  const isNew = (namespace: string, row: Row, verb: string) =>
    gained.has(cellKey(namespace, row.group, row.label, verb)) ||
    gained.has(cellKey('', row.group, row.label, verb));
  const scopes = after.scopes.map((scope) => {
    const rows: Row[] = [
      ...scope.rows.map((r) => ({
        key: `r:${r.apiGroup}:${r.resource}`,
        label: r.resource,
        group: r.apiGroup,
        cells: r.cells,
      })),
      ...scope.nonResource.map((r) => ({
        key: `u:${r.url}`,
        label: r.url,
        group: '',
        cells: r.cells,
      })),
    ];
    const isEveryone = (row: Row) => Object.values(row.cells).every((c) => fromEveryone(c.paths));
    const hidden = rows.filter(isEveryone).length;
    const shown = showEveryone ? rows : rows.filter((r) => !isEveryone(r));
    const verbs = after.verbs.filter((v) => shown.some((r) => r.cells[v]));
    return { namespace: scope.namespace, rows: shown, hidden, verbs };
  });
  const hiddenTotal = scopes.reduce((n, s) => n + s.hidden, 0);
  const visible = scopes.filter((s) => s.rows.length > 0);
  return (
    <div className="space-y-3">
      {visible.length === 0 && (
        <p className="text-sm text-slate-500">No permissions of its own after the change.</p>
      )}
      {visible.map((scope) => (
        <div key={scope.namespace} className="overflow-x-auto rounded-md border border-slate-200">
          <table className="w-full text-left text-xs" aria-describedby={`${id}-legend`}>
            <caption className="bg-slate-50 px-3 py-1.5 text-left text-xs font-semibold text-slate-700">
              {label} ·{' '}
              {scope.namespace ? `namespace ${scope.namespace}` : 'cluster-wide (every namespace)'}
            </caption>
            <thead>
              <tr className="border-t border-slate-200 text-slate-500">
                <th scope="col" className="px-3 py-1 font-medium">
                  Resource
                </th>
                {scope.verbs.map((v) => (
                  <th
                    key={v}
                    scope="col"
                    className="w-11 px-1 py-1 text-center font-mono text-[11px] font-medium"
                  >
                    {v === 'deletecollection' ? <abbr title="deletecollection">delcol</abbr> : v}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {scope.rows.map((row) => (
                <tr key={row.key} className="border-t border-slate-100">
                  <th
                    scope="row"
                    className="max-w-56 break-all px-3 py-1 font-mono font-normal text-slate-800"
                  >
                    {row.label}
                    {row.group ? (
                      <span className="block text-[10px] text-slate-400">{row.group}</span>
                    ) : null}
                  </th>
                  {scope.verbs.map((v) => {
                    const cell = row.cells[v];
                    const added = cell && isNew(scope.namespace, row, v);
                    return (
                      <td
                        key={v}
                        className={`px-1 py-1 text-center ${added ? 'bg-emerald-50 font-semibold text-emerald-800' : 'text-slate-600'}`}
                        title={cell?.paths.map(describePath).join('\n')}
                        data-cell={cell ? `${scope.namespace}|${row.label}|${v}` : undefined}
                        data-new={added ? 'true' : undefined}
                      >
                        {cell ? (cell.access === 'all' ? '✓' : 'named') : ''}
                        {added && <span className="sr-only"> (new)</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
        <p id={`${id}-legend`}>
          <span className="mr-1 inline-block rounded bg-emerald-50 px-1 font-semibold text-emerald-800">
            ✓
          </span>
          new with this draft · <span className="font-mono">named</span>: only the objects in
          resourceNames · hover a cell for where it comes from
        </p>
        {hiddenTotal > 0 && (
          <label className="flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={showEveryone}
              onChange={(e) => setShowEveryone(e.target.checked)}
              className="accent-indigo-600"
            />
            Show the {hiddenTotal} rows every authenticated user has
          </label>
        )}
      </div>
    </div>
  );
}
