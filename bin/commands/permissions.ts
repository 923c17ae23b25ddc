import 'server-only';
import {
  parseServiceAccountUser,
  serviceAccountIdentity,
  serviceAccountUser,
} from '../../lib/rbac/identity';
import { permissionsMatrix, type MatrixCell } from '../../lib/rbac/permissions-matrix';
import { loadAuthorizer, printStructured, UsageError, type Output } from '../cli-io';
import { allowFlags, outputFormat, sourceFlags, type CliValues } from '../cli-options';
import { cliIdentity, cliNamespace } from '../cli-question';

/** `permissions --as USER | --serviceaccount NS:NAME`: `kubectl auth can-i --list`, per namespace. */
export async function permissionsCommand(
  args: string[],
  values: CliValues,
  io: Output,
): Promise<number> {
  allowFlags('permissions', values, ['as', 'as-group', 'serviceaccount', 'namespace']);
  if (args.length > 0)
    throw new UsageError('permissions takes no arguments, only --as or --serviceaccount');
  const format = outputFormat(values, ['text', 'json'], 'text');
  let identity;
  if (values.serviceaccount !== undefined) {
    if (values.as !== undefined || values['as-group'])
      throw new UsageError('use either --as [--as-group] or --serviceaccount, not both');
    const [ns = '', name = '', ...rest] = values.serviceaccount.split(':');
    if (rest.length > 0 || !parseServiceAccountUser(serviceAccountUser(ns, name)))
      throw new UsageError(
        `--serviceaccount takes NAMESPACE:NAME (a namespace and a ServiceAccount name), not "${values.serviceaccount}"`,
      );
    identity = serviceAccountIdentity(ns, name);
  } else if (values.as) {
    identity = cliIdentity(values);
  } else {
    throw new UsageError('permissions needs --as USER or --serviceaccount NAMESPACE:NAME');
  }
  const namespace = cliNamespace(values);
  const authz = await loadAuthorizer(sourceFlags(values), io, { pods: false });
  const namespaces = namespace ? [namespace] : undefined;
  const matrix = permissionsMatrix(authz, identity, namespaces);
  if (format === 'json') {
    printStructured({ identity, ...matrix }, 'json', io);
    return 0;
  }
  const verbsOf = (cells: Record<string, MatrixCell>) =>
    matrix.verbs
      .filter((v) => cells[v])
      .map((v) => (cells[v]!.access === 'some' ? `${v}[${cells[v]!.resourceNames!.join(',')}]` : v))
      .join(' ');
  for (const scope of matrix.scopes) {
    io.out(scope.namespace ? `In namespace ${scope.namespace}:` : 'Cluster-wide:');
    if (scope.rows.length === 0 && scope.nonResource.length === 0) io.out('  (nothing)');
    for (const row of scope.rows) {
      const resource = row.apiGroup ? `${row.resource}.${row.apiGroup}` : row.resource;
      io.out(`  ${resource.padEnd(40)} ${verbsOf(row.cells)}`);
    }
    for (const row of scope.nonResource) io.out(`  ${row.url.padEnd(40)} ${verbsOf(row.cells)}`);
  }
  return 0;
}
