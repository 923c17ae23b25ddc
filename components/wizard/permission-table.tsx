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

/**
 * A row's grants as text: which verbs, on which objects, through which paths. Verbs with the
 * same objects and paths share a line. Reachable by keyboard and screen readers, unlike a title.
 */
function RowSources({ row, verbs }: { row: Row; verbs: string[] }) {
  const lines = new Map<string, { verbs: string[]; objects: string; paths: string[] }>();
  for (const verb of verbs) {
    const cell = row.cells[verb];
    if (!cell) continue;
    const objects =
      cell.access === 'all' ? 'any object' : `only ${(cell.resourceNames ?? []).join(', ')}`;
    const paths = cell.paths.map(describePath);
    const key = `${objects}\n${paths.join('\n')}`;
    const line = lines.get(key);
    if (line) line.verbs.push(verb);
    else lines.set(key, { verbs: [verb], objects, paths });
  }
  if (lines.size === 0) return null;
  return (
    <details className="mt-0.5 font-sans text-[11px] font-normal text-slate-600">
      <summary className="cursor-pointer text-indigo-700 hover:underline">
        why<span className="sr-only">: where {row.label} comes from</span>
      </summary>
      <ul className="mt-0.5 space-y-1">
        {[...lines.values()].map((l) => (
          <li key={`${l.verbs.join(',')}:${l.objects}`}>
            <span className="font-mono">{l.verbs.join(', ')}</span>: {l.objects}
            <span className="block break-words font-mono text-slate-500">{l.paths.join('; ')}</span>
          </li>
        ))}
      </ul>
    </details>
  );
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
                    <RowSources row={row} verbs={scope.verbs} />
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
                        {cell?.access === 'some' && (
                          <span className="sr-only">: {(cell.resourceNames ?? []).join(', ')}</span>
                        )}
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
          resourceNames · <span className="font-mono">why</span> under a resource: the names and
          where each grant comes from
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
