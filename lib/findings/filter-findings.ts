import type { Finding } from './find-risks';
import { SEVERITIES, type Severity } from './risk-checks';

export interface FindingFilter {
  severities?: Severity[];
  /** '' means cluster-wide only; undefined means any. */
  namespace?: string;
  rule?: string;
  /** Include findings about built-in system subjects. */
  includeExpected?: boolean;
}

export function filterFindings(findings: Finding[], f: FindingFilter): Finding[] {
  return findings.filter(
    (x) =>
      (f.includeExpected || !x.expected) &&
      (!f.severities || f.severities.length === 0 || f.severities.includes(x.severity)) &&
      (f.namespace === undefined || x.namespace === f.namespace) &&
      (!f.rule || x.rule === f.rule),
  );
}

/** Counts per severity, in severity order. */
export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) out[f.severity]++;
  return out;
}

const csvCell = (v: string) =>
  /[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

/** Findings as CSV (RFC 4180), one row each; cells that a spreadsheet would run as formulas are quoted. */
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
