import { describe, expect, it } from 'vitest';
import { Authorizer } from './authorizer';
import { serviceAccountIdentity } from './identity';
import { permissionsMatrix } from './permissions-matrix';
import {
  binding,
  clusterBinding,
  clusterRole,
  named,
  role,
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

  it('builds no row for resource forms no request can have (pods/*, */*)', () => {
    const authz = new Authorizer(
      snapshot(
        clusterRole('odd', rule('get', '', 'pods/*,*/*,pods/log,*/scale')),
        named('odd', clusterBinding('ClusterRole:odd', 'ServiceAccount:dev:app')),
      ),
    );
    const m = expectAgreement(authz);
    expect(m.scopes[0]!.rows.map((r) => r.resource)).toEqual(['*/scale', 'pods/log']);
  });

  it('shows a RoleBinding grant on namespaces as limited to its own namespace, as the engine decides', () => {
    const authz = new Authorizer(
      snapshot(
        clusterRole('ns-reader', rule('get,list,watch,update', '', 'namespaces,namespaces/status')),
        clusterRole('only-prod', rule('get', '', 'namespaces', 'prod')),
        named('ns-in-dev', binding('dev', 'ClusterRole:ns-reader', 'ServiceAccount:dev:app')),
        named('prod-in-dev', binding('dev', 'ClusterRole:only-prod', 'ServiceAccount:dev:app')),
      ),
    );
    // The API server authorizes GET /api/v1/namespaces/dev as a request in namespace dev.
    const ns = (verb: string, namespace: string, name?: string, subresource?: string) =>
      authz.canI(app, {
        verb,
        apiGroup: '',
        resource: 'namespaces',
        namespace,
        ...(name ? { name } : {}),
        ...(subresource ? { subresource } : {}),
      }).allowed;
    expect(ns('get', 'dev', 'dev')).toBe(true);
    expect(ns('update', 'dev', 'dev', 'status')).toBe(true);
    expect(ns('get', '', 'dev')).toBe(false);
    expect(ns('list', '')).toBe(false);
    const m = expectAgreement(authz);
    const dev = m.scopes.find((s) => s.namespace === 'dev')!;
    const cells = (resource: string) =>
      Object.fromEntries(
        Object.entries(dev.rows.find((r) => r.resource === resource)!.cells).map(([v, c]) => [
          v,
          c.access === 'all' ? 'all' : c.resourceNames!.join(','),
        ]),
      );
    // A list, a create and a deletecollection of namespaces are cluster-wide requests.
    expect(cells('namespaces')).toEqual({ get: 'dev', watch: 'dev', update: 'dev' });
    expect(cells('namespaces/status')).toEqual({ get: 'dev', watch: 'dev', update: 'dev' });
    expect(m.scopes.find((s) => s.namespace === '')!.rows).toEqual([]);
  });

  it('shows bind on clusterroles where a RoleBinding grants it, as the engine decides', () => {
    const authz = new Authorizer(
      snapshot(
        role('team-a', 'binder', rule('bind', 'rbac.authorization.k8s.io', 'clusterroles', 'view')),
        named('binds', binding('team-a', 'Role:binder', 'ServiceAccount:dev:app')),
      ),
    );
    const bind = (namespace: string) =>
      authz.canI(app, {
        verb: 'bind',
        apiGroup: 'rbac.authorization.k8s.io',
        resource: 'clusterroles',
        name: 'view',
        namespace,
      }).allowed;
    expect(bind('team-a')).toBe(true);
    expect(bind('')).toBe(false);
    const m = expectAgreement(authz);
    const teamA = m.scopes.find((s) => s.namespace === 'team-a')!;
    expect(teamA.rows).toEqual([
      {
        apiGroup: 'rbac.authorization.k8s.io',
        resource: 'clusterroles',
        cells: {
          bind: { access: 'some', resourceNames: ['view'], paths: [expect.anything()] },
        },
      },
    ]);
    expect(m.scopes.find((s) => s.namespace === '')!.rows).toEqual([]);
  });
});
