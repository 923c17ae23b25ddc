import 'server-only';
import { answerCheck } from '../../lib/rbac/check-answer';
import { describePath, describeRequest } from '../../lib/rbac/describe';
import { loadAuthorizer, printStructured, UsageError, type Output } from '../cli-io';
import { allowFlags, outputFormat, sourceFlags, type CliValues } from '../cli-options';
import { cliCheckQuestion } from '../cli-question';

/**
 * `can-i VERB TYPE[/NAME] --as USER`: yes or no, with the paths or the near misses and the
 * warnings of the Check page (its answer, `answerCheck`, is the one /api/check gives: -o json
 * prints it as that API does without the API server's verdict). Exit 0 yes, 1 no. With -q, as
 * `kubectl auth can-i -q`, nothing is printed: the exit status answers.
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
  const question = cliCheckQuestion(verb, type, values);
  const { identity, attributes } = question;
  const authz = await loadAuthorizer(sourceFlags(values), io, { pods: false });
  const answer = answerCheck(authz, question);
  if (format === 'json') {
    printStructured(answer, 'json', io);
  } else if (!values.quiet) {
    io.out(answer.allowed ? 'yes' : 'no');
    const lines: string[] = [];
    if (answer.bypass) lines.push(`allowed by the API server for the group ${answer.bypass}`);
    for (const p of answer.paths) lines.push(describePath(p));
    if (!answer.allowed) {
      lines.push(
        `nothing allows ${identity.user || identity.groups.join(', ')} to ${describeRequest(attributes)}`,
      );
      for (const m of answer.nearMisses) lines.push(`near miss: ${m.message}`);
    }
    for (const w of answer.warnings) lines.push(`note: ${w}`);
    for (const line of lines) io.out(`  ${line}`);
  }
  return answer.allowed ? 0 : 1;
}
