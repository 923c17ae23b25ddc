import { describe, expect, it } from 'vitest';
import { Authorizer } from './authorizer';
import { serviceAccountIdentity } from './identity';
import { permissionsMatrix } from './permissions-matrix';
import {
  binding,
  clusterBinding,
  clusterRole,
  named,
  rule,
  snapshot,
  urlRule,
} from './test-builders';

const app = serviceAccountIdentity('dev', 'app');

/** Every cell of the matrix says what the authorizer allows, and no more. */
function expectAgreement(authz: Authorizer) {
  const m = permissionsMatrix(authz, app);
  for (const scope of m.scopes) {
    for (const row of scope.rows) {
      for (const verb of Object.keys(row.cells)) {
        if (row.resource === '*' || row.apiGroup === '*' || verb === '*') continue;
        const [resource, subresource] = row.resource.split('/');
        expect(
          authz.canI(app, {
            verb,
            apiGroup: row.apiGroup,
            resource: resource!,
            ...(subresource ? { subresource } : {}),
            namespace: scope.namespace,
            name: row.cells[verb]!.resourceNames?.[0] ?? 'x',
          }).allowed,
          `${verb} ${row.resource} in "${scope.namespace}"`,
        ).toBe(true);
      }
    }
    for (const row of scope.nonResource) {
      for (const verb of Object.keys(row.cells)) {
        if (verb === '*' || row.url.includes('*')) continue;
        expect(authz.canI(app, { verb, nonResourceURL: row.url }).allowed).toBe(true);
      }
    }
  }
  return m;
}

describe('permissionsMatrix', () => {
  it('shows no URL a RoleBinding names: only ClusterRoleBindings grant URLs', () => {
    const authz = new Authorizer(
      snapshot(
        clusterRole('cluster-admin', rule('*', '*', '*'), urlRule('*', '*')),
        clusterRole('health', urlRule('get', '/healthz')),
        named(
          'admin-in-dev',
          binding('dev', 'ClusterRole:cluster-admin', 'ServiceAccount:dev:app'),
        ),
        named('health', clusterBinding('ClusterRole:health', 'ServiceAccount:dev:app')),
      ),
    );
    expect(authz.canI(app, { verb: 'get', nonResourceURL: '/metrics' }).allowed).toBe(false);
    const m = expectAgreement(authz);
    const dev = m.scopes.find((s) => s.namespace === 'dev')!;
    expect(dev.nonResource.map((r) => r.url)).toEqual(['/healthz']);
    expect(dev.rows.map((r) => r.resource)).toEqual(['*']);
  });

  it('shows no cluster-scoped resource a RoleBinding names', () => {
    const authz = new Authorizer(
      snapshot(
        clusterRole('node-reader', rule('get,list', '', 'nodes,pods')),
        named('nodes-in-dev', binding('dev', 'ClusterRole:node-reader', 'ServiceAccount:dev:app')),
      ),
    );
    expect(
      authz.canI(app, { verb: 'list', apiGroup: '', resource: 'nodes', namespace: '' }).allowed,
    ).toBe(false);
    const m = expectAgreement(authz);
    const dev = m.scopes.find((s) => s.namespace === 'dev')!;
    expect(dev.rows.map((r) => r.resource)).toEqual(['pods']);
  });
});
