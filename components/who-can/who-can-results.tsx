import Link from 'next/link';
import { describeRequest } from '@/lib/rbac/describe';
import { serviceAccountUser } from '@/lib/rbac/identity';
import { checkHref } from '@/lib/rbac/question-url';
import type { RequestAttributes } from '@/lib/rbac/rule-matching';
import { isSystemSubject } from '@/lib/rbac/system-subjects';
import type { WhoCanEntry, WhoCanGroups } from '@/lib/rbac/who-can-groups';
import { PathChain } from '@/components/rbac/path-chain';
import { subjectHref } from '@/components/rbac/links';
import { Badge } from '@/components/ui/badge';

const SECTIONS = [
  { key: 'serviceAccounts', kind: 'ServiceAccount', title: 'ServiceAccounts' },
  { key: 'users', kind: 'User', title: 'Users' },
  { key: 'groups', kind: 'Group', title: 'Groups' },
] as const;

/** How many covered ServiceAccounts a group shows before "and N more". */
const COVERED_SHOWN = 12;

function EntryItem({ entry, request }: { entry: WhoCanEntry; request: RequestAttributes }) {
  const asker =
    entry.kind === 'ServiceAccount'
      ? { user: serviceAccountUser(entry.namespace ?? '', entry.name) }
      : entry.kind === 'User'
        ? { user: entry.name }
        : { user: '', groups: [entry.name] };
  const covered = entry.coveredServiceAccounts ?? [];
  const coveredCount = entry.coveredServiceAccountCount ?? 0;
  return (
    <li data-testid="who-can-subject" className="px-5 py-3">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <Link
          href={subjectHref(entry.key)}
          className="font-mono text-sm font-semibold text-slate-900 hover:text-indigo-700 hover:underline"
        >
          {entry.namespace && (
            <span className="font-normal text-slate-500">{entry.namespace}/</span>
          )}
          {entry.name}
        </Link>
        {entry.clusterWide && (
          <Badge tone="indigo" title="A ClusterRoleBinding grants this in every namespace">
            cluster-wide
          </Badge>
        )}
        <Link
          href={checkHref(asker, request)}
          className="ml-auto text-xs font-medium text-indigo-700 hover:underline"
        >
          Check<span className="sr-only"> {entry.name}</span>
        </Link>
      </div>
      <ul className="mt-1.5 space-y-1">
        {entry.paths.map((p, i) => (
          <li key={i}>
            <PathChain path={p} markClusterWide={false} />
          </li>
        ))}
      </ul>
      {entry.kind === 'Group' && (
        <div
          className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600"
          data-testid="covered"
        >
          {coveredCount === 0 ? (
            entry.coversEveryone ? (
              'Every authenticated user and ServiceAccount carries this group.'
            ) : (
              'No ServiceAccount of this data carries this group; users of an identity provider may.'
            )
          ) : (
            <>
              {entry.coversEveryone ? 'Every authenticated user, and ' : 'Covers '}
              {coveredCount === 1
                ? 'one ServiceAccount'
                : `${coveredCount.toLocaleString('en')} ServiceAccounts`}
              {': '}
              {covered.slice(0, COVERED_SHOWN).map((sa, i) => (
                <span key={`${sa.namespace}/${sa.name}`}>
                  {i > 0 && ', '}
                  <Link
                    href={subjectHref({ kind: 'ServiceAccount', ...sa })}
                    className="font-mono text-indigo-700 hover:underline"
                  >
                    {sa.namespace}/{sa.name}
                  </Link>
                </span>
              ))}
              {coveredCount > COVERED_SHOWN &&
                ` and ${(coveredCount - COVERED_SHOWN).toLocaleString('en')} more`}
            </>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * A section's subjects: the cluster's own (kube-system controllers, `system:` users and
 * groups) fold away under the others, so the subjects people made stand out.
 */
function EntryList({ entries, request }: { entries: WhoCanEntry[]; request: RequestAttributes }) {
  const own = entries.filter((e) => !isSystemSubject(e));
  const system = entries.filter((e) => isSystemSubject(e));
  const list = (xs: WhoCanEntry[]) => (
    <ul className="divide-y divide-slate-100">
      {xs.map((e) => (
        <EntryItem key={e.key} entry={e} request={request} />
      ))}
    </ul>
  );
  if (own.length === 0 || system.length === 0) return list(entries);
  return (
    <>
      {list(own)}
      <details className="group border-t border-slate-100">
        <summary className="cursor-pointer px-5 py-2.5 text-sm text-slate-600 hover:bg-slate-50">
          {system.length === 1 ? 'One more' : `${system.length} more`} of the cluster&apos;s own
          (kube-system and <span className="font-mono text-[13px]">system:</span> subjects)
        </summary>
        <div className="border-t border-slate-100">{list(system)}</div>
      </details>
    </>
  );
}

/** Who can do it, by kind, each subject with its grant paths. */
export function WhoCanResults({
  request,
  groups,
  bypassGroups,
}: {
  request: RequestAttributes;
  groups: WhoCanGroups;
  bypassGroups: string[];
}) {
  const total = groups.serviceAccounts.length + groups.users.length + groups.groups.length;
  return (
    <div className="space-y-5" aria-live="polite">
      <div className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
        <p data-testid="who-can-summary" className="text-lg font-medium text-slate-900">
          {total === 0
            ? 'Nobody'
            : total === 1
              ? 'One subject'
              : `${total.toLocaleString('en')} subjects`}{' '}
          can {describeRequest(request)}
          {total === 0 ? ' through RBAC.' : '.'}
        </p>
        <p className="mt-1 text-xs text-slate-600">
          Members of {bypassGroups.join(', ')} can do anything: the API server allows them before
          RBAC is asked.
        </p>
      </div>
      {total > 0 && (
        <div className="space-y-5">
          {SECTIONS.map(({ key, kind, title }) => {
            const entries = groups[key];
            if (entries.length === 0) return null;
            return (
              <section
                key={key}
                aria-label={title}
                data-testid={`who-can-${kind}`}
                className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
              >
                <h2 className="flex items-baseline justify-between border-b border-slate-100 px-5 py-2.5 text-sm font-semibold">
                  {title}
                  <span className="text-xs font-normal text-slate-500">
                    {entries.length.toLocaleString('en')}
                  </span>
                </h2>
                <EntryList entries={entries} request={request} />
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
