import 'server-only';
import { describePath, describeRequest } from '../../lib/rbac/describe';
import { impersonatedIdentity } from '../../lib/rbac/identity';
import { parseTypeQuestion } from '../../lib/rbac/parse-type';
import { loadAuthorizer, printStructured, UsageError, type Output } from '../cli-io';
import { namespaceOf, outputFormat, sourceFlags, type CliValues } from '../cli-options';

/** `can-i VERB TYPE[/NAME] --as USER`: yes or no, with the paths or the near misses. Exit 0 yes, 1 no. */
export async function canICommand(args: string[], values: CliValues, io: Output): Promise<number> {
  const [verb, type, ...rest] = args;
  if (!verb || !type || rest.length > 0)
    throw new UsageError('can-i takes VERB TYPE[/NAME], e.g. can-i list pods');
  if (!values.as)
    throw new UsageError('--as USER is required, e.g. --as system:serviceaccount:default:myapp1');
  const format = outputFormat(values, ['text', 'json'], 'text');
  const attributes = parseTypeQuestion({
    verb,
    type,
    subresource: values.subresource,
    apiGroup: values['api-group'],
    namespace: namespaceOf(values),
  });
  const identity = impersonatedIdentity(values.as, values['as-group'] ?? []);
  const authz = await loadAuthorizer(sourceFlags(values), io, { pods: false });
  const decision = authz.canI(identity, attributes);
  if (format === 'json') {
    printStructured({ request: attributes, identity, ...decision }, 'json', io);
  } else {
    io.out(decision.allowed ? 'yes' : 'no');
    if (!values.quiet) {
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
  }
  return decision.allowed ? 0 : 1;
}
