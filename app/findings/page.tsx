import type { Metadata } from 'next';
import Link from 'next/link';
import { FindingRow } from '@/components/findings/finding-row';
import { SeverityBadge } from '@/components/findings/severity-badge';
import { selectFindings } from '@/lib/findings/filter-findings';
import {
  DEFAULT_FINDING_QUERY,
  parseFindingQuery,
  severityHref,
  type FindingQuery,
} from '@/lib/findings/finding-query';
import { RISK_CHECKS, SEVERITIES } from '@/lib/findings/risk-checks';
import { findingsOf } from '@/lib/server/findings-cache';
import { getState } from '@/lib/server/snapshot-store';

export const metadata: Metadata = { title: 'Findings' };

const SHOWN = 300;
const HYGIENE_RULES = [
  'public-grant',
  'default-serviceaccount',
  'missing-role',
  'missing-serviceaccount',
  'unmatched-subject',
  'unused-role',
];

export default async function FindingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const parsed = parseFindingQuery(params);
  const { authorizer } = await getState();
  const all = findingsOf(authorizer);
  const filter = parsed.ok ? parsed.filter : {};
  const query: FindingQuery = parsed.ok ? parsed.query : DEFAULT_FINDING_QUERY;
  // The tiles count what the other filters select, so a tile's count is what clicking it shows.
  const { findings: shown, counts } = selectFindings(all, filter);
  // A namespace's findings include the cluster-wide grants, which reach into it too.
  const reaches = filter.namespace && filter.clusterWide !== false ? filter.namespace : undefined;
  const clusterWideShown = reaches ? shown.filter((f) => f.namespace === '').length : 0;
  const namespaces = [...new Set(all.map((f) => f.namespace).filter(Boolean))].sort();
  const exportQuery = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const x of [v ?? []].flat()) exportQuery.append(k, x);
  const csv = new URLSearchParams(exportQuery);
  csv.set('format', 'csv');
  const json = new URLSearchParams(exportQuery);
  json.set('download', '1');

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Findings</h1>
        <p className="mt-1 text-sm text-slate-600">
          Risky access, decided by the same engine as every answer here: wildcards, aggregated roles
          and group bindings count.
        </p>
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {SEVERITIES.map((s) => (
          <Link
            key={s}
            href={severityHref(query, s)}
            className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm hover:border-indigo-300"
            data-testid={`severity-${s}`}
          >
            <dt>
              <SeverityBadge severity={s} />
            </dt>
            <dd className="mt-2 text-2xl font-semibold tabular-nums">{counts[s]}</dd>
          </Link>
        ))}
      </dl>

      <form
        method="get"
        className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <fieldset className="flex items-center gap-3">
          <legend className="mb-1 text-xs font-medium text-slate-500">Severity</legend>
          {SEVERITIES.map((s) => (
            <label key={s} className="flex items-center gap-1.5">
              <input
                type="checkbox"
                name="severity"
                value={s}
                defaultChecked={filter.severities?.includes(s)}
              />
              {s}
            </label>
          ))}
        </fieldset>
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-500">Namespace</span>
          <select
            name="namespace"
            defaultValue={params.namespace?.toString() ?? ''}
            className="rounded-md border border-slate-300 px-2 py-1"
          >
            <option value="">any</option>
            <option value="*">cluster-wide only</option>
            {namespaces.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-500">Rule</span>
          <select
            name="rule"
            defaultValue={filter.rule ?? ''}
            className="rounded-md border border-slate-300 px-2 py-1"
          >
            <option value="">any</option>
            {[...RISK_CHECKS.map((c) => c.rule), ...HYGIENE_RULES].map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label
          className="flex items-center gap-1.5"
          title="With a namespace chosen, findings granted by ClusterRoleBindings are listed too, marked cluster-wide: they apply in that namespace as well."
        >
          <input
            type="checkbox"
            name="clusterwide"
            value="0"
            defaultChecked={filter.clusterWide === false}
          />
          Leave out cluster-wide grants
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" name="all" value="1" defaultChecked={filter.includeExpected} />
          Show built-in system subjects
        </label>
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500"
        >
          Apply
        </button>
        <span className="ml-auto flex gap-3">
          <a
            className="text-indigo-700 hover:underline"
            href={`/api/findings?${csv}`}
            download="rbac-findings.csv"
          >
            Export CSV
          </a>
          <a
            className="text-indigo-700 hover:underline"
            href={`/api/findings?${json}`}
            download="rbac-findings.json"
          >
            Export JSON
          </a>
        </span>
      </form>

      {!parsed.ok && (
        <p
          role="alert"
          className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900"
        >
          {parsed.error}
        </p>
      )}

      <section aria-label="Findings">
        <p className="mb-2 text-sm text-slate-600" data-testid="findings-count">
          {shown.length === 0
            ? 'No findings match.'
            : `${shown.length} finding${shown.length === 1 ? '' : 's'}${shown.length > SHOWN ? `, the first ${SHOWN} shown (export for all)` : ''}.`}
          {reaches && shown.length > 0 && (
            <span data-testid="findings-scope">
              {' '}
              {shown.length - clusterWideShown} in namespace {reaches} itself, and{' '}
              {clusterWideShown} cluster-wide grant{clusterWideShown === 1 ? '' : 's'} (marked
              cluster-wide) that apply in {reaches} too.
            </span>
          )}
        </p>
        {shown.length > 0 && (
          <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
            {shown.slice(0, SHOWN).map((f) => (
              <FindingRow key={f.id} finding={f} reaches={reaches} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
