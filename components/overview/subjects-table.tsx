import type { SubjectSummary } from '@/lib/rbac/subjects';
import type { SubjectKind } from '@/lib/rbac/types';

const KINDS: { kind: SubjectKind; title: string }[] = [
  { kind: 'ServiceAccount', title: 'ServiceAccounts' },
  { kind: 'User', title: 'Users' },
  { kind: 'Group', title: 'Groups' },
];

/** Every subject of the snapshot by kind, with its binding count (and Pods, for ServiceAccounts). */
export function SubjectsTable({ subjects, limit }: { subjects: SubjectSummary[]; limit: number }) {
  return (
    <section aria-labelledby="subjects-heading">
      <h2 id="subjects-heading" className="text-lg font-semibold tracking-tight">
        Subjects
      </h2>
      <div className="mt-4 grid gap-6 lg:grid-cols-3">
        {KINDS.map(({ kind, title }) => {
          const all = subjects.filter((s) => s.subject.kind === kind);
          const shown = all.slice(0, limit);
          return (
            <div
              key={kind}
              className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
            >
              <h3 className="flex items-baseline justify-between border-b border-slate-100 px-4 py-2 text-sm font-semibold">
                {title}
                <span className="text-xs font-normal text-slate-500">
                  {all.length.toLocaleString('en')}
                </span>
              </h3>
              {all.length === 0 ? (
                <p className="px-4 py-6 text-sm text-slate-500">None in this data.</p>
              ) : (
                <table className="w-full table-fixed text-sm" data-testid={`subjects-${kind}`}>
                  <thead className="text-left text-xs text-slate-500">
                    <tr>
                      <th scope="col" className="px-4 py-2 font-medium">
                        Name
                      </th>
                      <th scope="col" className="w-20 px-4 py-2 text-right font-medium">
                        Bindings
                      </th>
                      {kind === 'ServiceAccount' && (
                        <th scope="col" className="w-16 px-4 py-2 text-right font-medium">
                          Pods
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {shown.map((s) => (
                      <tr key={s.key} data-testid="subject-row">
                        <td className="truncate px-4 py-1.5" title={s.subject.name}>
                          {s.subject.namespace && (
                            <span className="text-slate-400">{s.subject.namespace}/</span>
                          )}
                          <span className="font-medium">{s.subject.name}</span>
                          {s.exists === false && (
                            <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-800">
                              not found
                            </span>
                          )}
                        </td>
                        <td className="px-4 py-1.5 text-right tabular-nums">{s.bindings}</td>
                        {kind === 'ServiceAccount' && (
                          <td className="px-4 py-1.5 text-right tabular-nums">{s.pods}</td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {all.length > shown.length && (
                <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
                  and {(all.length - shown.length).toLocaleString('en')} more
                </p>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
