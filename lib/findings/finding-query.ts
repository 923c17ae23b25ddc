import { z } from 'zod';
import type { FindingFilter } from './filter-findings';
import { SEVERITIES } from './risk-checks';

const list = (v: unknown) =>
  v === undefined
    ? []
    : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).filter(Boolean);

/** The findings filters as they appear in a URL: severity (repeatable or comma-separated), namespace, rule, all, format. */
export const FindingQuery = z.object({
  severity: z.preprocess(list, z.array(z.enum(SEVERITIES as [string, ...string[]])).max(4)),
  namespace: z.string().max(253).optional(),
  rule: z
    .string()
    .max(63)
    .regex(/^[a-z-]*$/, 'rule names are lowercase words with dashes')
    .optional(),
  all: z.preprocess((v) => v === '1' || v === 'true' || v === 'on', z.boolean()),
  format: z.enum(['json', 'csv']).default('json'),
});

export type FindingQuery = z.infer<typeof FindingQuery>;

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
  if (q.namespace !== undefined && q.namespace !== '')
    filter.namespace = q.namespace === '*' ? '' : q.namespace;
  if (q.rule) filter.rule = q.rule;
  return { ok: true, query: q, filter };
}
