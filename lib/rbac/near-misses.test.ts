import { describe, expect, it } from 'vitest';
import { Authorizer } from './authorizer';
import { serviceAccountIdentity, type Identity } from './identity';
import type { NearMissKind } from './near-misses';
import type { RequestAttributes } from './rule-matching';
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

const authz = new Authorizer(
  snapshot(
    role('dev', 'pod-reader', rule('get,list', '', 'pods')),
    clusterRole('node-reader', rule('list', '', 'nodes')),
    named('nodes-in-dev', binding('dev', 'ClusterRole:node-reader', 'User:u')),
    named('read-pods', binding('dev', 'Role:pod-reader', 'User:u')),
    role('default', 'deploy-reader', rule('get', '', 'deployments')),
    named('deploys', binding('default', 'Role:deploy-reader', 'User:u')),
    role('default', 'one-config', rule('get,list', '', 'configmaps', 'app-config')),
    named('config', binding('default', 'Role:one-config', 'User:u')),
    role('default', 'logs', rule('get', '', 'pods')),
    named('logs', binding('default', 'Role:logs', 'User:u')),
    role('default', 'log-only', rule('get', '', 'services/proxy')),
    named('log-only', binding('default', 'Role:log-only', 'User:u')),
    clusterRole('metrics', urlRule('get', '/metrics')),
    named('metrics-rb', binding('default', 'ClusterRole:metrics', 'User:u')),
    named('ghost', binding('default', 'Role:legacy', 'User:u')),
    clusterRole('team-view', rule('list', '', 'secrets')),
    named(
      'team',
      binding('default', 'ClusterRole:team-view', 'Group:system:serviceaccounts:default'),
    ),
  ),
);

const u: Identity = { user: 'u', groups: [] };
// The missing role of `ghost` is a near miss of every question in default; leave it out of
// the tables that are about something else.
const misses = (identity: Identity, a: RequestAttributes, withMissingRole = false) =>
  authz.canI(identity, a).nearMisses.filter((m) => withMissingRole || m.kind !== 'missingRole');
const kinds = (identity: Identity, a: RequestAttributes, withMissingRole = false): NearMissKind[] =>
  misses(identity, a, withMissingRole).map((m) => m.kind);
const messages = (identity: Identity, a: RequestAttributes) =>
  misses(identity, a).map((m) => m.message);

describe('near misses explain a denial', () => {
  it('a binding in another namespace', () => {
    expect(messages(u, { verb: 'list', resource: 'pods', namespace: 'default' })).toContain(
      'RoleBinding read-pods in namespace dev would allow this in dev, not in default (a RoleBinding grants only in its own namespace).',
    );
  });
  it('a RoleBinding naming a cluster-scoped resource, which it never grants', () => {
    expect(messages(u, { verb: 'list', resource: 'nodes', apiGroup: '', namespace: '' })).toEqual([
      'RoleBinding nodes-in-dev in namespace dev names nodes, but they are cluster-scoped: only a ClusterRoleBinding grants them.',
    ]);
  });
  it('a RoleBinding granting namespaces, which it grants for its own namespace alone', () => {
    const ns = new Authorizer(
      snapshot(
        clusterRole('ns-reader', rule('get', '', 'namespaces')),
        named('ns-in-dev', binding('dev', 'ClusterRole:ns-reader', 'User:u')),
        clusterRole('prod-reader', rule('get', '', 'namespaces', 'prod')),
        named('prod-in-dev', binding('dev', 'ClusterRole:prod-reader', 'User:u')),
        clusterRole('ns-lister', rule('list', '', 'namespaces')),
        named('list-in-dev', binding('dev', 'ClusterRole:ns-lister', 'User:u')),
      ),
    );
    const msgs = (a: RequestAttributes) => ns.canI(u, a).nearMisses.map((m) => m.message);
    expect(msgs({ verb: 'get', resource: 'namespaces', apiGroup: '', namespace: '' })).toEqual([
      'RoleBinding ns-in-dev in namespace dev would allow this on namespace dev itself, not without a name (a RoleBinding grants namespaces only for its own namespace).',
    ]);
    expect(
      msgs({ verb: 'get', resource: 'namespaces', apiGroup: '', namespace: 'prod', name: 'prod' }),
    ).toEqual([
      'RoleBinding ns-in-dev in namespace dev would allow this on namespace dev itself, not on prod (a RoleBinding grants namespaces only for its own namespace).',
      'RoleBinding prod-in-dev in namespace dev names namespaces prod, but a RoleBinding grants them only for its own namespace, dev: this grants nothing.',
    ]);
    // A list of namespaces is a request on the collection, which is cluster-wide.
    expect(msgs({ verb: 'list', resource: 'namespaces', apiGroup: '', namespace: '' })).toEqual([
      'RoleBinding list-in-dev in namespace dev names namespaces, but they are cluster-scoped: only a ClusterRoleBinding grants them.',
    ]);
  });
  it('the wrong API group', () => {
    const a: RequestAttributes = {
      verb: 'get',
      resource: 'deployments',
      apiGroup: 'apps',
      namespace: 'default',
    };
    expect(authz.canI(u, a).allowed).toBe(false);
    expect(kinds(u, a)).toEqual(['apiGroup']);
    expect(messages(u, a)[0]).toMatch(/not in the API group apps/);
  });
  it('the wrong verb', () => {
    expect(kinds(u, { verb: 'delete', resource: 'deployments', namespace: 'default' })).toContain(
      'verb',
    );
  });
  it('resourceNames against a request without a name', () => {
    const msgs = messages(u, { verb: 'list', resource: 'configmaps', namespace: 'default' });
    expect(msgs).toEqual([
      expect.stringMatching(
        /lists resourceNames \(app-config\), which never match a list request without a name/,
      ),
    ]);
  });
  it('resourceNames against another name', () => {
    expect(
      kinds(u, { verb: 'get', resource: 'configmaps', name: 'other', namespace: 'default' }),
    ).toEqual(['resourceName']);
  });
  it('a subresource the rule does not name', () => {
    expect(
      kinds(u, { verb: 'get', resource: 'pods', subresource: 'log', namespace: 'default' }),
    ).toContain('subresource');
  });
  it('a rule that grants only a subresource', () => {
    expect(kinds(u, { verb: 'get', resource: 'services', namespace: 'default' })).toEqual([
      'subresource',
    ]);
  });
  it('a non-resource URL granted only through a RoleBinding', () => {
    expect(kinds(u, { verb: 'get', nonResourceURL: '/metrics' })).toContain(
      'nonResourceViaRoleBinding',
    );
  });
  it('a binding whose role does not exist', () => {
    expect(messages(u, { verb: 'get', resource: 'secrets', namespace: 'default' })).toEqual([]);
    expect(
      misses(u, { verb: 'get', resource: 'secrets', namespace: 'default' }, true).map(
        (m) => m.message,
      ),
    ).toEqual([
      'RoleBinding ghost in namespace default refers to Role legacy in namespace default, which does not exist, so it grants nothing.',
    ]);
    // Not where the binding would not have granted anyway.
    expect(kinds(u, { verb: 'get', resource: 'secrets', namespace: 'dev' }, true)).toEqual([]);
  });
  it('a group a ServiceAccount token carries but the question does not', () => {
    const bare: Identity = { user: 'system:serviceaccount:default:app', groups: [] };
    expect(kinds(bare, { verb: 'list', resource: 'secrets', namespace: 'default' })).toEqual([
      'group',
    ]);
    expect(
      authz.canI(serviceAccountIdentity('default', 'app'), {
        verb: 'list',
        resource: 'secrets',
        namespace: 'default',
      }).allowed,
    ).toBe(true);
  });
  it('unrelated rules are not near misses', () => {
    expect(kinds(u, { verb: 'get', resource: 'nodes', namespace: '' }, true)).toEqual([]);
  });
  it('an allowed request has none', () => {
    expect(authz.canI(u, { verb: 'get', resource: 'pods', namespace: 'dev' }).nearMisses).toEqual(
      [],
    );
  });
  it('clusterBinding subjects count too', () => {
    const a = new Authorizer(
      snapshot(
        clusterRole('r', rule('get', '', 'pods')),
        clusterBinding('ClusterRole:r', 'User:x'),
      ),
    );
    expect(
      a
        .canI({ user: 'x', groups: [] }, { verb: 'watch', resource: 'pods', namespace: 'n' })
        .nearMisses.map((m) => m.kind),
    ).toEqual(['verb']);
  });
});
