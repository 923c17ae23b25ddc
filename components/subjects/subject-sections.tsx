import Link from 'next/link';
import type { UnmatchedBinding } from '@/lib/rbac/binding-subject';
import { describeRule } from '@/lib/rbac/describe';
import { subjectKey } from '@/lib/rbac/identity';
import { roleNodeId } from '@/lib/rbac/graph-link';
import type { SubjectBinding, SubjectRole } from '@/lib/rbac/subject-detail';
import type { Pod } from '@/lib/rbac/types';
import { BindingLink, RoleLink } from '@/components/rbac/path-chain';
import { subjectHref } from '@/components/rbac/links';
import { Badge } from '@/components/ui/badge';

export function Card({
  title,
  count,
  children,
  testId,
}: {
  title: string;
  count?: number;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <section
      aria-label={title}
      data-testid={testId}
      className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <h2 className="flex items-baseline justify-between border-b border-slate-100 px-5 py-2.5 text-sm font-semibold">
        {title}
        {count !== undefined && <span className="text-xs font-normal text-slate-500">{count}</span>}
      </h2>
      {children}
    </section>
  );
}

const Empty = ({ children }: { children: React.ReactNode }) => (
  <p className="px-5 py-4 text-sm text-slate-500">{children}</p>
);

/** The bindings that apply to a subject, directly or through a group it carries. */
export function BindingsTable({
  bindings,
  subjectKey: self,
  unmatched = 0,
}: {
  bindings: SubjectBinding[];
  /** The key of the page's subject: a binding naming it applies to it directly. */
  subjectKey: string;
  /** How many bindings name it but match nobody (listed apart). */
  unmatched?: number;
}) {
  if (bindings.length === 0)
    return (
      <Empty>
        No binding applies to this subject: it may do nothing through RBAC.
        {unmatched > 0 &&
          ` ${unmatched === 1 ? 'The binding that names it grants' : 'The bindings that name it grant'} nothing (below).`}
      </Empty>
    );
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="subject-bindings">
        <thead className="bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium">
              Binding
            </th>
            <th scope="col" className="px-5 py-2 font-medium">
              Role
            </th>
            <th scope="col" className="px-5 py-2 font-medium">
              Grants in
            </th>
            <th scope="col" className="px-5 py-2 font-medium">
              Applies through
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {bindings.map((b) => (
            <tr key={`${b.binding.kind}/${b.binding.namespace ?? ''}/${b.binding.name}`}>
              <td className="px-5 py-2">
                <BindingLink binding={b.binding} />
              </td>
              <td className="px-5 py-2">
                <RoleLink role={b.role} />
                {!b.roleExists && (
                  <span className="ml-2">
                    <Badge
                      tone="red"
                      title="The binding refers to a role that does not exist: it grants nothing"
                    >
                      missing
                    </Badge>
                  </span>
                )}
              </td>
              <td className="px-5 py-2">
                {b.namespace ? (
                  <span className="font-mono text-[13px]">{b.namespace}</span>
                ) : (
                  <Badge tone="indigo">cluster-wide</Badge>
                )}
              </td>
              <td className="px-5 py-2 text-slate-600">
                {b.via.kind === 'Group' && subjectKey(b.via) !== self ? (
                  <>
                    group{' '}
                    <Link
                      href={subjectHref(b.via)}
                      className="font-mono text-[13px] text-indigo-700 hover:underline"
                    >
                      {b.via.name}
                    </Link>
                  </>
                ) : (
                  'this subject'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Bindings that name a subject but grant it nothing, each with why. */
export function UnmatchedBindingsList({ bindings }: { bindings: UnmatchedBinding[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="unmatched-bindings">
      {bindings.map((b) => (
        <li
          key={`${b.binding.kind}/${b.binding.namespace ?? ''}/${b.binding.name}`}
          className="px-5 py-2.5 text-sm"
        >
          <div className="flex flex-wrap items-baseline gap-x-2">
            <BindingLink binding={b.binding} />
            <span aria-hidden className="text-slate-300">
              →
            </span>
            <RoleLink role={b.role} />
          </div>
          <p className="mt-0.5 text-slate-600">It {b.reason}.</p>
        </li>
      ))}
    </ul>
  );
}

/** The roles those bindings refer to, with their rules. */
export function RolesList({ roles }: { roles: SubjectRole[] }) {
  if (roles.length === 0) return <Empty>No roles.</Empty>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="subject-roles">
      {roles.map((r) => (
        <li
          key={roleNodeId(r.role)}
          id={roleNodeId(r.role)}
          className="scroll-mt-4 px-5 py-3 target:bg-indigo-50"
        >
          <div className="flex flex-wrap items-baseline gap-2">
            <RoleLink role={r.role} />
            {r.role.namespace && (
              <span className="text-xs text-slate-500">in {r.role.namespace}</span>
            )}
            {!r.exists && <Badge tone="red">does not exist</Badge>}
          </div>
          {r.rules.length > 0 ? (
            <ul className="mt-1.5 space-y-0.5 text-sm text-slate-700">
              {r.rules.map((rule, i) => (
                <li key={i} className="flex gap-2">
                  <span aria-hidden className="text-slate-300">
                    •
                  </span>
                  <span>
                    {describeRule(rule.rule)}
                    {rule.aggregatedFrom && (
                      <span className="text-xs text-slate-500"> (from {rule.aggregatedFrom})</span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-slate-500">
              {r.exists ? 'No rules.' : 'Grants nothing until it is created.'}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The Pods that run as a ServiceAccount. */
export function PodsList({ pods }: { pods: Pod[] }) {
  if (pods.length === 0) return <Empty>No Pod in the data runs as this ServiceAccount.</Empty>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="subject-pods">
      {pods.map((p) => (
        <li
          key={`${p.namespace}/${p.name}`}
          className="flex flex-wrap items-baseline gap-x-3 px-5 py-2 text-sm"
        >
          <span className="font-mono text-[13px] text-slate-900">
            <span className="text-slate-500">{p.namespace}/</span>
            {p.name}
          </span>
          {p.owner && (
            <span className="text-xs text-slate-500">
              owned by {p.owner.kind} {p.owner.name}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
