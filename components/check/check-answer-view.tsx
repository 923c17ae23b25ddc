import Link from 'next/link';
import type { CheckResult } from '@/app/check/check-with-referee';
import { askerOf, compareVerdicts } from '@/lib/rbac/check-answer';
import { describeRequest } from '@/lib/rbac/describe';
import { graphHref, pathNodeIds, subjectNodeId } from '@/lib/rbac/graph-link';
import { parseServiceAccountUser } from '@/lib/rbac/identity';
import { whoCanHref } from '@/lib/rbac/question-url';
import { BindingLink, PathChain, RoleLink } from '@/components/rbac/path-chain';
import { subjectHref } from '@/components/rbac/links';
import { CopyCommand } from '@/components/ui/copy-command';

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <section
      data-testid={testId}
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      aria-label={title}
    >
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** The answer to a Check question: the verdict, every reason, and how to ask the cluster. */
export function CheckAnswerView({
  result,
  user,
  groups,
  askerKnown,
}: {
  result: CheckResult;
  user: string;
  groups: string[];
  /** Whether the data mentions the asker, so that it has a page of its own. */
  askerKnown: boolean;
}) {
  const { allowed, request, identity, paths, nearMisses, warnings, apiServer, bypass } = result;
  const who = user || `the group${groups.length > 1 ? 's' : ''} ${groups.join(', ')}`;
  const asker = askerOf({ user, groups });
  const sa = parseServiceAccountUser(user);
  const ids = [
    ...(asker ? [subjectNodeId(asker)] : []),
    ...pathNodeIds(paths),
    ...pathNodeIds(nearMisses),
  ];
  const referee = apiServer && compareVerdicts(allowed, apiServer);
  return (
    <div className="space-y-5" aria-live="polite">
      <section
        aria-label="Verdict"
        className={`flex flex-wrap items-start justify-between gap-4 rounded-lg border px-6 py-5 shadow-sm ${
          allowed ? 'border-green-300 bg-green-50' : 'border-red-300 bg-red-50'
        }`}
      >
        <div className="flex min-w-0 flex-1 items-start gap-4">
          <span
            aria-hidden
            className={`mt-1 grid h-10 w-10 shrink-0 place-items-center rounded-full text-xl font-bold text-white ${
              allowed ? 'bg-green-600' : 'bg-red-600'
            }`}
          >
            {allowed ? '✓' : '✕'}
          </span>
          <div className="min-w-0">
            <p
              data-testid="verdict"
              className={`text-lg leading-snug ${allowed ? 'text-green-950' : 'text-red-950'}`}
            >
              <span
                className={`block text-3xl font-bold tracking-tight ${allowed ? 'text-green-700' : 'text-red-700'}`}
              >
                {allowed ? 'Yes' : 'No'}
              </span>
              {/* The sentence reads on from the verdict, as one line of text. */}
              <span className="sr-only">, </span>
              <span className="break-all font-mono text-base font-medium">{who}</span>{' '}
              {allowed ? 'can' : 'cannot'} {describeRequest(request)}.
            </p>
            <p className="mt-2 text-xs text-slate-600">
              Asked as user <span className="font-mono">{identity.user || '(none)'}</span> with
              groups <span className="font-mono">{identity.groups.join(', ') || '(none)'}</span>
              {bypass && ` — ${bypass} is allowed everything before RBAC is asked`}.
            </p>
          </div>
        </div>
        {apiServer && referee && (
          <div
            data-testid="api-server-verdict"
            className={`max-w-xs rounded-md border bg-white px-4 py-3 text-sm ${
              referee.agree ? 'border-slate-200' : 'border-amber-400'
            }`}
          >
            <p className="font-semibold">API server: {apiServer.allowed ? 'allowed' : 'denied'}</p>
            <p className="mt-1 text-xs text-slate-600">{referee.text}</p>
            {apiServer.reason && (
              <p className="mt-1 break-words font-mono text-xs text-slate-500">
                {apiServer.reason}
              </p>
            )}
            {apiServer.evaluationError && (
              <p className="mt-1 text-xs text-amber-800">{apiServer.evaluationError}</p>
            )}
          </div>
        )}
      </section>

      {paths.length > 0 && (
        <Section
          title={paths.length === 1 ? 'Why: one grant path' : `Why: ${paths.length} grant paths`}
          testId="grant-paths"
        >
          <ol className="divide-y divide-slate-100">
            {paths.map((p, i) => (
              <li key={i} className="py-2 first:pt-0 last:pb-0">
                <PathChain path={p} viaGroupOf />
              </li>
            ))}
          </ol>
        </Section>
      )}

      {!allowed && (
        <Section title="Why not" testId="near-misses">
          {nearMisses.length > 0 ? (
            <>
              <p className="text-sm text-slate-700">
                No binding allows this.{' '}
                {nearMisses.length === 1 ? 'One comes close' : `${nearMisses.length} come close`}:
              </p>
              <ul className="mt-3 space-y-3">
                {nearMisses.map((m, i) => (
                  <li key={i} className="border-l-2 border-amber-400 pl-3">
                    <p className="text-sm text-slate-900">{m.message}</p>
                    <p className="mt-1 flex flex-wrap gap-x-3 text-xs">
                      <BindingLink binding={m.binding} />
                      <RoleLink role={m.role} />
                    </p>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-sm text-slate-700">
              No binding allows this, and none comes close: nothing that applies to {who} grants{' '}
              {request.verb} on anything like it.
            </p>
          )}
        </Section>
      )}

      {warnings.length > 0 && (
        <section
          aria-label="Notes"
          data-testid="check-warnings"
          className="rounded-lg border border-amber-200 bg-amber-50 px-5 py-3"
        >
          <ul className="list-disc space-y-1 pl-4 text-sm text-amber-950">
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </section>
      )}

      <Section title="Ask the cluster yourself">
        <div className="space-y-4">
          <div>
            <p className="mb-1.5 text-xs font-medium text-slate-600">
              With kubectl, as an admin who may impersonate:
            </p>
            <CopyCommand command={result.kubectl.command} testId="kubectl" />
            {result.kubectl.note && (
              <p className="mt-1 text-xs text-slate-500">{result.kubectl.note}</p>
            )}
          </div>
          {result.curl && sa && (
            <div>
              <p className="mb-1.5 text-xs font-medium text-slate-600">
                From inside a Pod running as {sa.namespace}/{sa.name}, with its mounted token and
                CA:
              </p>
              <CopyCommand command={result.curl.command} testId="curl" />
              {result.curl.notes.length > 0 && (
                <p className="mt-1 text-xs text-slate-500">{result.curl.notes.join(' ')}</p>
              )}
            </div>
          )}
          <p className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
            {ids[0] && (
              <Link
                data-testid="show-in-graph"
                href={graphHref(ids[0], ids)}
                className="font-medium text-indigo-700 hover:underline"
              >
                Show in graph
              </Link>
            )}
            {asker && askerKnown && (
              <Link
                href={subjectHref(asker)}
                className="font-medium text-indigo-700 hover:underline"
              >
                All permissions of{' '}
                {asker.kind === 'ServiceAccount' ? `${asker.namespace}/${asker.name}` : asker.name}
              </Link>
            )}
            <Link
              href={whoCanHref(request)}
              className="font-medium text-indigo-700 hover:underline"
            >
              Who else can {describeRequest(request)}?
            </Link>
          </p>
        </div>
      </Section>
    </div>
  );
}
