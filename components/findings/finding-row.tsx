import Link from 'next/link';
import type { Finding } from '@/lib/findings/find-risks';
import { describePath } from '@/lib/rbac/describe';
import { subjectHref } from '@/components/rbac/links';
import { Badge } from '@/components/ui/badge';
import { findingCheckHref, findingGraphHref } from './finding-links';
import { SeverityBadge } from './severity-badge';

/**
 * One finding: severity, what, why, the grant paths behind it, and where to look next.
 * `reaches` names the namespace a list is filtered to, to mark a cluster-wide finding in it.
 */
export function FindingRow({ finding: f, reaches }: { finding: Finding; reaches?: string }) {
  const check = findingCheckHref(f);
  const graph = findingGraphHref(f);
  return (
    <li
      className="flex gap-4 px-4 py-3"
      data-testid="finding"
      data-rule={f.rule}
      data-severity={f.severity}
      data-namespace={f.namespace}
    >
      <div className="pt-0.5">
        <SeverityBadge severity={f.severity} />
      </div>
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900">
          {f.message}
          {f.expected && (
            <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-500">
              expected: built-in
            </span>
          )}
          {reaches && f.namespace === '' && (
            <span className="ml-2 align-middle" data-testid="cluster-wide">
              <Badge
                tone="indigo"
                title={`A ClusterRoleBinding grants this in every namespace, ${reaches} too`}
              >
                cluster-wide
              </Badge>
            </span>
          )}
        </p>
        <p className="mt-0.5 text-sm text-slate-600">{f.why}</p>
        {f.paths.length > 0 && (
          <ul className="mt-1.5 space-y-0.5 font-mono text-xs text-slate-500">
            {f.paths.slice(0, 3).map((p, i) => (
              <li key={i} className="truncate" title={describePath(p)}>
                {describePath(p)}
              </li>
            ))}
            {f.paths.length > 3 && <li>and {f.paths.length - 3} more paths</li>}
          </ul>
        )}
      </div>
      <div className="flex shrink-0 flex-col items-end gap-1 text-sm">
        {f.subject && (
          <Link className="text-indigo-700 hover:underline" href={subjectHref(f.subject)}>
            Subject
          </Link>
        )}
        {check && (
          <Link className="text-indigo-700 hover:underline" href={check}>
            Check
          </Link>
        )}
        {graph && (
          <Link className="text-indigo-700 hover:underline" href={graph}>
            Graph
          </Link>
        )}
      </div>
    </li>
  );
}
