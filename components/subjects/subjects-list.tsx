import Link from 'next/link';
import type { SubjectSummary } from '@/lib/rbac/subjects';
import { subjectHref } from '@/components/rbac/links';
import { Badge } from '@/components/ui/badge';

const KIND_TONE = { ServiceAccount: 'slate', User: 'violet', Group: 'indigo' } as const;

/** One page of subjects: kind, name, how many bindings name it and, for ServiceAccounts, Pods. */
export function SubjectsList({
  subjects,
  total,
  offset,
  pageHref,
  pageSize,
}: {
  subjects: SubjectSummary[];
  total: number;
  offset: number;
  pageHref: (offset: number) => string;
  pageSize: number;
}) {
  const first = offset + 1;
  const last = offset + subjects.length;
  return (
    <section
      aria-label="Subjects"
      className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <table className="w-full text-sm" data-testid="subjects-list">
        <caption className="border-b border-slate-100 px-5 py-2.5 text-left text-xs text-slate-600">
          {total === subjects.length
            ? `${total.toLocaleString('en')} ${total === 1 ? 'subject' : 'subjects'}`
            : `${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${total.toLocaleString('en')} subjects`}
        </caption>
        <thead className="bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="w-36 px-5 py-2 font-medium">
              Kind
            </th>
            <th scope="col" className="px-5 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="w-28 px-5 py-2 text-right font-medium">
              Bindings
            </th>
            <th scope="col" className="w-24 px-5 py-2 text-right font-medium">
              Pods
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {subjects.map((s) => (
            <tr key={s.key} data-testid="subject-row" className="hover:bg-slate-50">
              <td className="px-5 py-2">
                <Badge tone={KIND_TONE[s.subject.kind]}>{s.subject.kind}</Badge>
              </td>
              <td className="px-5 py-2">
                <Link
                  href={subjectHref(s.key)}
                  className="font-mono text-[13px] font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                >
                  {s.subject.namespace && (
                    <span className="font-normal text-slate-500">{s.subject.namespace}/</span>
                  )}
                  {s.subject.name}
                </Link>
                {s.subject.kind === 'ServiceAccount' && !s.subject.namespace ? (
                  <span className="ml-2">
                    <Badge
                      tone="red"
                      title="A ServiceAccount subject without a namespace matches nobody"
                    >
                      no namespace
                    </Badge>
                  </span>
                ) : (
                  s.exists === false && (
                    <span className="ml-2">
                      <Badge
                        tone="amber"
                        title="Bindings name this ServiceAccount, but the data has no such ServiceAccount"
                      >
                        not found
                      </Badge>
                    </span>
                  )
                )}
              </td>
              <td className="px-5 py-2 text-right tabular-nums">{s.bindings}</td>
              <td className="px-5 py-2 text-right tabular-nums text-slate-600">
                {s.subject.kind === 'ServiceAccount' ? s.pods : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > subjects.length && (
        <nav
          aria-label="Pages"
          className="flex items-center justify-between border-t border-slate-100 px-5 py-2.5 text-sm"
        >
          {offset > 0 ? (
            <Link
              href={pageHref(Math.max(0, offset - pageSize))}
              className="font-medium text-indigo-700 hover:underline"
            >
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          {last < total && (
            <Link
              href={pageHref(offset + pageSize)}
              className="font-medium text-indigo-700 hover:underline"
            >
              Next →
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
