import Link from 'next/link';
import { SeverityBadge } from '@/components/findings/severity-badge';
import type { Finding } from '@/lib/findings/find-risks';
import { SEVERITIES, severityRank, type Severity } from '@/lib/findings/risk-checks';
import { describeSubject } from '@/lib/rbac/describe';
import { subjectKey } from '@/lib/rbac/identity';

/** Findings by severity and the riskiest subjects, for the Overview. */
export function RiskSummary({ findings }: { findings: Finding[] }) {
  const alarms = findings.filter((f) => !f.expected);
  const bySubject = new Map<
    string,
    { label: string; key: string; worst: Severity; count: number }
  >();
  for (const f of alarms) {
    if (!f.subject) continue;
    const key = subjectKey(f.subject);
    const s = bySubject.get(key) ?? {
      label: describeSubject(f.subject),
      key,
      worst: f.severity,
      count: 0,
    };
    s.count++;
    if (severityRank(f.severity) > severityRank(s.worst)) s.worst = f.severity;
    bySubject.set(key, s);
  }
  const riskiest = [...bySubject.values()]
    .sort(
      (a, b) =>
        severityRank(b.worst) - severityRank(a.worst) ||
        b.count - a.count ||
        a.label.localeCompare(b.label),
    )
    .slice(0, 6);
  return (
    <section className="grid gap-6 lg:grid-cols-2" aria-label="Risk summary">
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="flex items-baseline justify-between text-sm font-semibold">
          Findings
          <Link href="/findings" className="text-xs font-normal text-indigo-700 hover:underline">
            All findings →
          </Link>
        </h2>
        <ul className="mt-3 grid grid-cols-4 gap-2">
          {SEVERITIES.map((s) => (
            <li key={s}>
              <Link
                href={`/findings?severity=${s}`}
                className="block rounded-md p-2 hover:bg-slate-50"
                data-testid={`overview-${s}`}
              >
                <SeverityBadge severity={s} />
                <span className="mt-1 block text-2xl font-semibold tabular-nums">
                  {alarms.filter((f) => f.severity === s).length}
                </span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-slate-500">
          Not counting {findings.length - alarms.length} findings about built-in system subjects.
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-sm font-semibold">Riskiest subjects</h2>
        {riskiest.length === 0 ? (
          <p className="mt-3 text-sm text-slate-500">No risky grants found.</p>
        ) : (
          <ol className="mt-2 divide-y divide-slate-100 text-sm" data-testid="riskiest">
            {riskiest.map((s) => (
              <li key={s.key} className="flex items-center gap-3 py-1.5">
                <SeverityBadge severity={s.worst} />
                <Link
                  href={`/subjects/${encodeURIComponent(s.key)}`}
                  className="min-w-0 flex-1 truncate font-medium hover:underline"
                >
                  {s.label}
                </Link>
                <span className="text-xs text-slate-500">
                  {s.count} finding{s.count === 1 ? '' : 's'}
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
