import 'server-only';
import { describePath, describeRequest } from '../../lib/rbac/describe';
import { loadAuthorizer, printStructured, UsageError, type Output } from '../cli-io';
import { allowFlags, outputFormat, sourceFlags, type CliValues } from '../cli-options';
import { cliCheckQuestion } from '../cli-question';

/**
 * `can-i VERB TYPE[/NAME] --as USER`: yes or no, with the paths or the near misses. Exit 0 yes,
 * 1 no. With -q, as `kubectl auth can-i -q`, nothing is printed: the exit status answers.
 */
export async function canICommand(args: string[], values: CliValues, io: Output): Promise<number> {
  allowFlags('can-i', values, [
    'namespace',
    'all-namespaces',
    'as',
    'as-group',
    'subresource',
    'api-group',
    'quiet',
  ]);
  const [verb, type, ...rest] = args;
  if (!verb || !type || rest.length > 0)
    throw new UsageError('can-i takes VERB TYPE[/NAME], e.g. can-i list pods');
  if (!values.as)
    throw new UsageError('--as USER is required, e.g. --as system:serviceaccount:default:myapp1');
  const format = outputFormat(values, ['text', 'json'], 'text');
  if (values.quiet && values.output !== undefined)
    throw new UsageError('-q prints nothing: give either -q or -o');
  const { identity, attributes } = cliCheckQuestion(verb, type, values);
  const authz = await loadAuthorizer(sourceFlags(values), io, { pods: false });
  const decision = authz.canI(identity, attributes);
  if (format === 'json') {
    printStructured({ request: attributes, identity, ...decision }, 'json', io);
  } else if (!values.quiet) {
    io.out(decision.allowed ? 'yes' : 'no');
    const lines: string[] = [];
    if (decision.bypass) lines.push(`allowed by the API server for the group ${decision.bypass}`);
    for (const p of decision.paths) lines.push(describePath(p));
    if (!decision.allowed) {
      lines.push(
        `nothing allows ${identity.user || identity.groups.join(', ')} to ${describeRequest(attributes)}`,
      );
      for (const m of decision.nearMisses) lines.push(`near miss: ${m.message}`);
    }
    for (const w of decision.warnings) lines.push(`note: ${w}`);
    for (const line of lines) io.out(`  ${line}`);
  }
  return decision.allowed ? 0 : 1;
}
