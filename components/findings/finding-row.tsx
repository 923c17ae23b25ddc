import Link from 'next/link';
import type { Finding } from '@/lib/findings/find-risks';
import { describePath } from '@/lib/rbac/describe';
import { subjectKey } from '@/lib/rbac/identity';
import { SeverityBadge } from './severity-badge';

/** The question a finding answers "yes" to, as a Check page link. */
function checkLink(f: Finding): string | undefined {
  if (!f.subject || !f.request) return undefined;
  const q = new URLSearchParams();
  if (f.subject.kind === 'ServiceAccount')
    q.set('as', `system:serviceaccount:${f.subject.namespace}:${f.subject.name}`);
  else if (f.subject.kind === 'User') q.set('as', f.subject.name);
  else q.set('group', f.subject.name);
  q.set('verb', f.request.verb);
  q.set('resource', f.request.resource);
  if (f.request.apiGroup) q.set('apiGroup', f.request.apiGroup);
  if (f.request.subresource) q.set('subresource', f.request.subresource);
  if (f.request.namespace) q.set('namespace', f.request.namespace);
  return `/check?${q}`;
}

function graphLink(f: Finding): string | undefined {
  if (!f.subject) return undefined;
  const focus = `subject:${subjectKey(f.subject)}`;
  const path = f.paths[0];
  const ids = path
    ? [
        focus,
        path.binding.kind === 'RoleBinding'
          ? `binding:RoleBinding:${path.binding.namespace}:${path.binding.name}`
          : `binding:ClusterRoleBinding:${path.binding.name}`,
        path.role.kind === 'Role'
          ? `role:Role:${path.role.namespace}:${path.role.name}`
          : `role:ClusterRole:${path.role.name}`,
      ]
    : [focus];
  return `/graph?${new URLSearchParams({ focus, highlight: ids.join(',') })}`;
}

/** One finding: severity, what, why, the grant paths behind it, and where to look next. */
export function FindingRow({ finding: f }: { finding: Finding }) {
  const check = checkLink(f);
  const graph = graphLink(f);
  return (
    <li
      className="flex gap-4 px-4 py-3"
      data-testid="finding"
      data-rule={f.rule}
      data-severity={f.severity}
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
          <Link
            className="text-indigo-700 hover:underline"
            href={`/subjects/${encodeURIComponent(subjectKey(f.subject))}`}
          >
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
