import type { Metadata } from 'next';
import Link from 'next/link';
import { matrixScopes } from '@/components/subjects/matrix-view-data';
import { PermissionsMatrixView } from '@/components/subjects/permissions-matrix-view';
import {
  BindingsTable,
  Card,
  PodsList,
  RolesList,
  UnmatchedBindingsList,
} from '@/components/subjects/subject-sections';
import { keyFromSegment, subjectHref } from '@/components/rbac/links';
import { Badge } from '@/components/ui/badge';
import { ProblemMessage } from '@/components/ui/problem-message';
import { graphHref, subjectNodeId } from '@/lib/rbac/graph-link';
import { QuestionError } from '@/lib/rbac/parse-type';
import {
  describeSubjectDetail,
  UnknownSubjectError,
  type SubjectDetail,
} from '@/lib/rbac/subject-detail';
import { getState } from '@/lib/server/snapshot-store';

type Params = Promise<{ key: string }>;

/** How many ServiceAccounts carrying a group its page names. */
const CARRIERS_SHOWN = 12;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { key } = await params;
  return { title: keyFromSegment(key) };
}

function Breadcrumb({ current }: { current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
      <Link href="/subjects" className="font-medium text-indigo-700 hover:underline">
        Subjects
      </Link>
      <span aria-hidden className="mx-2">
        /
      </span>
      <span className="break-all">{current}</span>
    </nav>
  );
}

function Header({ detail }: { detail: SubjectDetail }) {
  const { subject, identity } = detail;
  // A ServiceAccount without a namespace (named so by a ClusterRoleBinding) is nobody.
  const nobody = subject.kind === 'ServiceAccount' && !subject.namespace;
  const unmatched = detail.unmatchedBindings.length;
  const checkSearch = new URLSearchParams(
    identity.user ? { as: identity.user } : { group: subject.name },
  );
  return (
    <header className="rounded-lg border border-slate-200 bg-white px-6 py-5 shadow-sm">
      <div className="flex flex-wrap items-center gap-3">
        <Badge
          tone={subject.kind === 'Group' ? 'indigo' : subject.kind === 'User' ? 'violet' : 'slate'}
        >
          {subject.kind}
        </Badge>
        <h1 className="break-all font-mono text-2xl font-semibold tracking-tight">
          {subject.namespace && (
            <span className="font-normal text-slate-500">{subject.namespace}/</span>
          )}
          {subject.name}
        </h1>
        {nobody ? (
          <Badge tone="red" title="A ServiceAccount subject without a namespace matches nobody">
            no namespace: matches nobody
          </Badge>
        ) : (
          detail.exists === false && (
            <Badge tone="amber" title="Bindings name it, but the data has no such ServiceAccount">
              no such ServiceAccount in the data
            </Badge>
          )
        )}
      </div>
      <dl className="mt-3 grid gap-x-8 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        {nobody ? (
          <>
            <dt className="text-slate-500">User name</dt>
            <dd data-testid="no-identity">
              none: without a namespace it names no ServiceAccount, so no request is this subject
            </dd>
          </>
        ) : (
          <>
            {identity.user && (
              <>
                <dt className="text-slate-500">User name</dt>
                <dd className="break-all font-mono text-[13px]">{identity.user}</dd>
              </>
            )}
            <dt className="text-slate-500">{identity.user ? 'Groups it carries' : 'Asked as'}</dt>
            <dd className="break-all font-mono text-[13px]">
              {identity.user ? identity.groups.join(', ') || '(none)' : `the group ${subject.name}`}
            </dd>
          </>
        )}
        {detail.carriedBy && (
          <>
            <dt className="text-slate-500">Carried by</dt>
            <dd data-testid="carried-by">
              {detail.carriedBy.count === 0 ? (
                'no ServiceAccount of this data (users of an identity provider may carry it)'
              ) : (
                <>
                  {subject.name === 'system:authenticated' && 'every authenticated user, and '}
                  {detail.carriedBy.count === 1
                    ? 'one ServiceAccount'
                    : `${detail.carriedBy.count.toLocaleString('en')} ServiceAccounts`}
                  {': '}
                  {detail.carriedBy.serviceAccounts.slice(0, CARRIERS_SHOWN).map((sa, i) => (
                    <span key={`${sa.namespace}/${sa.name}`}>
                      {i > 0 && ', '}
                      <Link
                        href={subjectHref({ kind: 'ServiceAccount', ...sa })}
                        className="whitespace-nowrap font-mono text-[13px] text-indigo-700 hover:underline"
                      >
                        {sa.namespace}/{sa.name}
                      </Link>
                    </span>
                  ))}
                  {detail.carriedBy.count > CARRIERS_SHOWN &&
                    ` and ${(detail.carriedBy.count - CARRIERS_SHOWN).toLocaleString('en')} more`}
                </>
              )}
            </dd>
          </>
        )}
        <dt className="text-slate-500">Named by</dt>
        <dd>
          {detail.directBindings === 1 ? 'one binding' : `${detail.directBindings} bindings`}
          {unmatched > 0 &&
            (unmatched === detail.directBindings
              ? `, which ${unmatched === 1 ? 'grants' : 'grant'} it nothing`
              : `; ${unmatched} of them grant it nothing`)}
          {detail.bindings.length > detail.directBindings &&
            `; ${detail.bindings.length - detail.directBindings} more apply through its groups`}
        </dd>
      </dl>
      <p className="mt-4 flex flex-wrap gap-x-5 gap-y-1 text-sm">
        {!nobody && (
          <Link
            href={`/check?${checkSearch}`}
            className="font-medium text-indigo-700 hover:underline"
          >
            Check a question as this subject
          </Link>
        )}
        <Link
          href={graphHref(subjectNodeId(subject))}
          data-testid="show-in-graph"
          className="font-medium text-indigo-700 hover:underline"
        >
          Show in graph
        </Link>
      </p>
    </header>
  );
}

/**
 * The scope the matrix opens on: a ServiceAccount's own namespace, else the one namespace
 * where bindings grant something, else cluster-wide.
 */
function initialScope(detail: SubjectDetail): string {
  if (detail.subject.kind === 'ServiceAccount') return detail.subject.namespace ?? '';
  const namespaces = detail.permissions.scopes.filter((s) => s.namespace !== '');
  return namespaces.length === 1 ? namespaces[0]!.namespace : '';
}

export default async function SubjectPage({ params }: { params: Params }) {
  const { key: raw } = await params;
  const key = keyFromSegment(raw);
  const { authorizer } = await getState();
  let detail: SubjectDetail;
  try {
    detail = describeSubjectDetail(authorizer, key);
  } catch (err) {
    if (!(err instanceof QuestionError) && !(err instanceof UnknownSubjectError)) throw err;
    return (
      <div className="space-y-6">
        <Breadcrumb current={key} />
        <ProblemMessage
          title={err instanceof UnknownSubjectError ? 'No such subject' : 'Not a subject'}
          message={err.message}
        />
        <Link
          href="/subjects"
          className="inline-block text-sm font-medium text-indigo-700 hover:underline"
        >
          Search the subjects of this data
        </Link>
      </div>
    );
  }
  const scopes = matrixScopes(detail.permissions);
  return (
    <div className="space-y-6">
      <Breadcrumb current={detail.key} />
      <Header detail={detail} />
      <Card title="Bindings" count={detail.bindings.length} testId="bindings-card">
        <BindingsTable
          bindings={detail.bindings}
          subjectKey={detail.key}
          unmatched={detail.unmatchedBindings.length}
        />
      </Card>
      {detail.unmatchedBindings.length > 0 && (
        <Card
          title="Bindings that name it but grant nothing"
          count={detail.unmatchedBindings.length}
          testId="unmatched-bindings-card"
        >
          <UnmatchedBindingsList bindings={detail.unmatchedBindings} />
        </Card>
      )}
      <div className={`grid items-start gap-6 ${detail.pods ? 'lg:grid-cols-2' : ''}`}>
        <Card title="Roles" count={detail.roles.length}>
          <RolesList roles={detail.roles} />
        </Card>
        {detail.pods && (
          <Card title="Pods running as it" count={detail.pods.length}>
            <PodsList pods={detail.pods} />
          </Card>
        )}
      </div>
      <Card title="Effective permissions">
        <p className="border-b border-slate-100 px-5 py-2.5 text-xs text-slate-600">
          <code className="font-mono">kubectl auth can-i --list</code>, explained: cluster-wide
          grants, and everything that applies in each namespace where it holds a binding.
        </p>
        <PermissionsMatrixView
          verbs={detail.permissions.verbs}
          scopes={scopes}
          initialScope={initialScope(detail)}
        />
      </Card>
    </div>
  );
}
