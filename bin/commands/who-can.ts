import 'server-only';
import { describePath, describeRequest } from '../../lib/rbac/describe';
import { isResourceRequest } from '../../lib/rbac/rule-matching';
import { loadAuthorizer, printStructured, UsageError, type Output } from '../cli-io';
import { allowFlags, outputFormat, sourceFlags, type CliValues } from '../cli-options';
import { cliWhoCanQuestion } from '../cli-question';

/** `who-can VERB TYPE[/NAME]`: every subject a binding allows it to, with its paths. */
export async function whoCanCommand(
  args: string[],
  values: CliValues,
  io: Output,
): Promise<number> {
  allowFlags('who-can', values, ['namespace', 'all-namespaces', 'subresource', 'api-group']);
  const [verb, type, ...rest] = args;
  if (!verb || !type || rest.length > 0)
    throw new UsageError('who-can takes VERB TYPE[/NAME], e.g. who-can list pods');
  const format = outputFormat(values, ['text', 'json'], 'text');
  const attributes = cliWhoCanQuestion(verb, type, values);
  // One question in a namespace needs only what can grant something there.
  const namespace = isResourceRequest(attributes) ? attributes.namespace : undefined;
  const authz = await loadAuthorizer(sourceFlags(values), io, { pods: false, namespace });
  const result = authz.whoCan(attributes);
  const subjects = result.subjects.map(({ subject, paths }) => ({ ...subject, paths }));
  if (format === 'json') {
    printStructured(
      { request: attributes, subjects, bypassGroups: result.bypassGroups },
      'json',
      io,
    );
    return 0;
  }
  io.out(`Who can ${describeRequest(attributes)}:`);
  const rows = subjects.map(
    (s) => [s.kind, s.namespace ?? '', s.name, describePath(s.paths[0]!)] as const,
  );
  const header = ['KIND', 'NAMESPACE', 'NAME', 'VIA'] as const;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]!) : c)).join('  ');
  io.out(line(header));
  for (const r of rows) io.out(line(r));
  io.out(
    `(${subjects.length} subjects; the group ${result.bypassGroups.join(', ')} is allowed everything by the API server)`,
  );
  return 0;
}
