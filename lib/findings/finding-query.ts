import { z } from 'zod';
import type { FindingFilter } from './filter-findings';
import { SEVERITIES } from './risk-checks';

const list = (v: unknown) =>
  v === undefined
    ? []
    : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).filter(Boolean);

/**
 * The findings filters as they appear in a URL: severity (repeatable or comma-separated),
 * namespace (a name, or `*` for cluster-wide only), clusterwide (`0` leaves cluster-wide grants
 * out of a namespace's findings), rule, all, format.
 */
export const FindingQuery = z.object({
  severity: z.preprocess(list, z.array(z.enum(SEVERITIES as [string, ...string[]])).max(4)),
  namespace: z.string().max(253).optional(),
  clusterwide: z.preprocess((v) => !(v === '0' || v === 'false' || v === 'off'), z.boolean()),
  rule: z
    .string()
    .max(63)
    .regex(/^[a-z-]*$/, 'rule names are lowercase words with dashes')
    .optional(),
  all: z.preprocess((v) => v === '1' || v === 'true' || v === 'on', z.boolean()),
  format: z.enum(['json', 'csv']).default('json'),
});

export type FindingQuery = z.infer<typeof FindingQuery>;

/** The query of a URL without filters: every finding but those of built-in system subjects. */
export const DEFAULT_FINDING_QUERY: FindingQuery = FindingQuery.parse({});

/** Parses URL parameters (a record of string or string[]) into a filter, or a message. */
export function parseFindingQuery(
  params: Record<string, string | string[] | undefined>,
): { ok: true; query: FindingQuery; filter: FindingFilter } | { ok: false; error: string } {
  const parsed = FindingQuery.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${issue.path.join('.') || 'query'}: ${issue.message}` };
  }
  const q = parsed.data;
  const filter: FindingFilter = {
    severities: q.severity as FindingFilter['severities'],
    includeExpected: q.all,
  };
  // "*" in the URL means cluster-wide findings; a name means that namespace.
  if (q.namespace !== undefined && q.namespace !== '') {
    filter.namespace = q.namespace === '*' ? '' : q.namespace;
    if (!q.clusterwide && q.namespace !== '*') filter.clusterWide = false;
  }
  if (q.rule) filter.rule = q.rule;
  return { ok: true, query: q, filter };
}

/** The search parameters that ask for exactly these findings again, defaults left out. */
export function findingSearch(q: FindingQuery): URLSearchParams {
  const p = new URLSearchParams();
  for (const s of q.severity) p.append('severity', s);
  if (q.namespace) p.set('namespace', q.namespace);
  if (q.namespace && q.namespace !== '*' && !q.clusterwide) p.set('clusterwide', '0');
  if (q.rule) p.set('rule', q.rule);
  if (q.all) p.set('all', '1');
  if (q.format !== 'json') p.set('format', q.format);
  return p;
}

/** `/findings?…`: the Findings page with the same filters but these severities. */
export function severityHref(q: FindingQuery, severity: string): string {
  return `/findings?${findingSearch({ ...q, severity: [severity], format: 'json' })}`;
}
