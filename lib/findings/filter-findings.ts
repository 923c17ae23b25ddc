import type { Finding } from './find-risks';
import { SEVERITIES, type Severity } from './risk-checks';

export interface FindingFilter {
  severities?: Severity[];
  /**
   * '' means cluster-wide findings only; undefined means any. A namespace name means the
   * findings of that namespace and, unless `clusterWide` is false, the cluster-wide grants
   * (see {@link isClusterWideGrant}), since those reach into that namespace too.
   */
  namespace?: string;
  /** With a namespace name: whether cluster-wide grants are included too (default true). */
  clusterWide?: boolean;
  rule?: string;
  /** Include findings about built-in system subjects. */
  includeExpected?: boolean;
}

/**
 * A cluster-wide finding backed by a grant (a ClusterRoleBinding path): what it allows, it
 * allows in every namespace. Cluster-wide findings without a path (an unused ClusterRole, a
 * binding to a missing role, a subject that matches nobody) grant nothing in any namespace.
 */
export function isClusterWideGrant(f: Finding): boolean {
  return f.namespace === '' && f.paths.length > 0;
}

function inNamespace(x: Finding, f: FindingFilter): boolean {
  if (f.namespace === undefined || x.namespace === f.namespace) return true;
  return f.namespace !== '' && f.clusterWide !== false && isClusterWideGrant(x);
}

export function filterFindings(findings: Finding[], f: FindingFilter): Finding[] {
  return findings.filter(
    (x) =>
      (f.includeExpected || !x.expected) &&
      (!f.severities || f.severities.length === 0 || f.severities.includes(x.severity)) &&
      inNamespace(x, f) &&
      (!f.rule || x.rule === f.rule),
  );
}

/** Counts per severity, in severity order. */
export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) out[f.severity]++;
  return out;
}

/**
 * The findings a filter selects, and the counts per severity of those its other filters
 * select (the severity filter left out, so each count says what choosing that severity shows).
 * The Findings page and GET /api/findings both answer with this.
 */
export function selectFindings(
  findings: Finding[],
  f: FindingFilter,
): { findings: Finding[]; counts: Record<Severity, number> } {
  const { severities: _, ...others } = f;
  return {
    findings: filterFindings(findings, f),
    counts: countBySeverity(filterFindings(findings, others)),
  };
}

/** A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a cell that would start a formula gets a leading `'`, so a spreadsheet shows it
 * as text; a cell holding a quote, comma or line break (or so neutralized) is quoted.
 */
function csvCell(value: string): string {
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return v !== value || /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Findings as CSV (RFC 4180), one row each. Subject names are free text in bindings, so every
 * cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`
 * (and quoted): a spreadsheet shows it as text instead of running it as a formula.
 */
export function findingsToCsv(findings: Finding[]): string {
  const header = [
    'severity',
    'rule',
    'subject_kind',
    'subject_namespace',
    'subject_name',
    'namespace',
    'message',
    'why',
    'via',
    'expected',
  ];
  const rows = findings.map((f) => [
    f.severity,
    f.rule,
    f.subject?.kind ?? f.object?.kind ?? '',
    f.subject?.namespace ?? f.object?.namespace ?? '',
    f.subject?.name ?? f.object?.name ?? '',
    f.namespace,
    f.message,
    f.why,
    f.paths
      .map(
        (p) =>
          `${p.binding.kind} ${p.binding.namespace ? `${p.binding.namespace}/` : ''}${p.binding.name} -> ${p.role.kind} ${p.role.name}`,
      )
      .join('; '),
    String(f.expected),
  ]);
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
