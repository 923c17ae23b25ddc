import Link from 'next/link';
import type { BindingRef, RoleRefTo } from '@/lib/rbac/describe';
import { describeRule } from '@/lib/rbac/describe';
import { bindingNodeId, graphHref, roleNodeId } from '@/lib/rbac/graph-link';
import type { PolicyRule, Subject } from '@/lib/rbac/types';
import { Badge } from '@/components/ui/badge';
import { subjectHref } from './links';

const linkClass =
  'rounded-sm font-mono text-[13px] text-indigo-700 underline decoration-indigo-200 underline-offset-2 hover:decoration-indigo-600';

function Arrow() {
  return <span className="text-slate-400"> → </span>;
}

/** A binding, linked to it in the graph. */
export function BindingLink({ binding }: { binding: BindingRef }) {
  return (
    <span className="inline-flex items-baseline gap-1">
      <span className="text-xs text-slate-500">{binding.kind}</span>{' '}
      <Link href={graphHref(bindingNodeId(binding))} className={linkClass}>
        {binding.namespace ? `${binding.namespace}/${binding.name}` : binding.name}
      </Link>
    </span>
  );
}

/** A role, linked to it in the graph. */
export function RoleLink({ role }: { role: RoleRefTo }) {
  return (
    <span className="inline-flex items-baseline gap-1">
      <span className="text-xs text-slate-500">{role.kind}</span>{' '}
      <Link href={graphHref(roleNodeId(role))} className={linkClass}>
        {role.name}
      </Link>
    </span>
  );
}

/**
 * One grant path, binding → role → rule, each part a link. A path through a group says so;
 * a ClusterRoleBinding is marked cluster-wide.
 */
export function PathChain({
  path,
  viaGroupOf,
  markClusterWide = true,
}: {
  path: {
    binding: BindingRef;
    role: RoleRefTo;
    rule?: PolicyRule;
    aggregatedFrom?: string;
    subject?: Subject;
  };
  /** Set when the path's subject may be a group the asker carries rather than the asker. */
  viaGroupOf?: boolean;
  /** Whether to badge a ClusterRoleBinding path (off where the subject is badged already). */
  markClusterWide?: boolean;
}) {
  const { binding, role, rule, aggregatedFrom, subject } = path;
  return (
    <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
      {viaGroupOf && subject?.kind === 'Group' && (
        <span className="text-xs text-slate-600">
          via group{' '}
          <Link href={subjectHref(subject)} className={linkClass}>
            {subject.name}
          </Link>
        </span>
      )}
      <BindingLink binding={binding} />
      <Arrow />
      <RoleLink role={role} />
      {aggregatedFrom && (
        <span className="text-xs text-slate-500">(aggregated from {aggregatedFrom})</span>
      )}
      {rule && (
        <>
          <Arrow />
          {subject ? (
            <Link
              href={`${subjectHref(subject)}#${roleNodeId(role)}`}
              title={`The rules of ${role.name}, on the page of ${subject.name}`}
              className="text-slate-800 underline decoration-slate-300 underline-offset-2 hover:decoration-slate-600"
            >
              {describeRule(rule)}
            </Link>
          ) : (
            <span className="text-slate-800">{describeRule(rule)}</span>
          )}
        </>
      )}
      {markClusterWide && binding.kind === 'ClusterRoleBinding' && (
        <Badge tone="indigo">cluster-wide</Badge>
      )}
    </div>
  );
}
