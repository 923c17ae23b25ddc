import 'server-only';
import { filterFindings } from '../../lib/findings/filter-findings';
import { findRisks } from '../../lib/findings/find-risks';
import { SEVERITIES, severityRank, type Severity } from '../../lib/findings/risk-checks';
import { loadAuthorizer, printStructured, RBAC_KINDS, UsageError, type Output } from '../cli-io';
import { allowFlags, outputFormat, sourceFlags, type CliValues } from '../cli-options';
import { cliNamespace } from '../cli-question';

/**
 * `findings [--fail-on SEVERITY] [--all]`: risky grants, worst first. With --fail-on it exits 1
 * when a finding of that severity or worse exists, so pipelines can gate RBAC changes.
 * Findings about built-in system subjects are left out unless --all. `-n NS` keeps what the
 * Findings page's namespace filter keeps for NS (the same filterFindings); -A, or no -n, all.
 */
export async function findingsCommand(
  args: string[],
  values: CliValues,
  io: Output,
): Promise<number> {
  allowFlags('findings', values, ['fail-on', 'all', 'namespace', 'all-namespaces']);
  if (args.length > 0) throw new UsageError('findings takes no arguments');
  const format = outputFormat(values, ['text', 'json'], 'text');
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(SEVERITIES as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on takes one of ${SEVERITIES.join(', ')}`);
  }
  const namespace = cliNamespace(values);
  // The default ServiceAccount check reads every ServiceAccount: without them it would pass
  // quietly, so they are required here as the RBAC kinds are.
  const authz = await loadAuthorizer(sourceFlags(values), io, { pods: true }, [
    ...RBAC_KINDS,
    'serviceaccounts',
  ]);
  const findings = filterFindings(findRisks(authz), {
    includeExpected: values.all,
    ...(namespace !== undefined ? { namespace } : {}),
  });
  if (format === 'json') {
    printStructured({ findings }, 'json', io);
  } else if (findings.length === 0) {
    io.out('No findings.');
  } else {
    const rows = findings.map((f) => [f.severity.toUpperCase(), f.rule, f.message] as const);
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    for (const r of rows) io.out(`${r[0].padEnd(w0)}  ${r[1].padEnd(w1)}  ${r[2]}`);
    const counts = SEVERITIES.map(
      (s) => `${findings.filter((f) => f.severity === s).length} ${s}`,
    ).join(', ');
    io.out(
      `(${findings.length} findings: ${counts}${values.all ? '' : '; --all adds those of built-in system subjects'})`,
    );
  }
  if (failOn) {
    const worst = severityRank(failOn as Severity);
    if (findings.some((f) => severityRank(f.severity) >= worst)) return 1;
  }
  return 0;
}
