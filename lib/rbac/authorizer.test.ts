import { describe, expect, it } from 'vitest';
import { Authorizer } from './authorizer';
import { impersonatedIdentity, serviceAccountIdentity, type Identity } from './identity';
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

const who = (user: string, groups = ''): Identity => ({
  user,
  groups: groups ? groups.split(',') : [],
});
const get = (
  resource: string,
  namespace = '',
  extra: Partial<RequestAttributes> = {},
): RequestAttributes =>
  ({ verb: 'get', resource, namespace, apiGroup: '', ...extra }) as RequestAttributes;
const req = (verb: string, resource: string, namespace = '', apiGroup = ''): RequestAttributes => ({
  verb,
  resource,
  namespace,
  apiGroup,
});

type Check = [Identity, RequestAttributes, boolean];

function expectChecks(authz: Authorizer, checks: Check[]) {
  for (const [identity, attributes, expected] of checks) {
    expect(authz.canI(identity, attributes).allowed, JSON.stringify([identity, attributes])).toBe(
      expected,
    );
  }
}

describe('Authorizer: scenarios of the upstream RBAC authorizer tests', () => {
  it('a RoleBinding to a ClusterRole grants only in its namespace', () => {
    const authz = new Authorizer(
      snapshot(
        clusterRole('admin', rule('*', '*', '*'), urlRule('*', '*')),
        binding('ns1', 'ClusterRole:admin', 'User:admin', 'Group:admins'),
      ),
    );
    expectChecks(authz, [
      [who('admin'), req('get', 'Pods', 'ns1'), true],
      [who('admin'), req('watch', 'Pods', 'ns1'), true],
      [who('admin', 'group1'), req('watch', 'Foobar', 'ns1'), true],
      [who('joe', 'admins'), req('watch', 'Foobar', 'ns1'), true],
      [who('joe', 'group1,admins'), req('watch', 'Foobar', 'ns1'), true],
      [who('admin'), req('GET', 'Pods', 'ns2'), false],
      [who('admin'), req('GET', 'Nodes', ''), false],
      [who('admin', 'admins'), req('GET', 'Pods', 'ns2'), false],
      [who('admin', 'admins'), req('GET', 'Nodes', ''), false],
      // Non-resource URLs are never granted through a RoleBinding.
      [who('admin'), { verb: 'get', nonResourceURL: '/healthz' }, false],
    ]);
  });

  it('non-resource URLs through ClusterRoleBindings', () => {
    const authz = new Authorizer(
      snapshot(
        clusterRole('non-resource-url-getter', urlRule('get', '/apis')),
        clusterRole('non-resource-url', urlRule('*', '/apis')),
        clusterRole('non-resource-url-prefix', urlRule('get', '/apis/*')),
        clusterBinding('ClusterRole:non-resource-url-getter', 'User:foo', 'Group:bar'),
        clusterBinding('ClusterRole:non-resource-url', 'User:admin', 'Group:admin'),
        clusterBinding('ClusterRole:non-resource-url-prefix', 'User:prefixed', 'Group:prefixed'),
      ),
    );
    const u = (verb: string, nonResourceURL: string) => ({ verb, nonResourceURL });
    expectChecks(authz, [
      [who('foo'), u('get', '/apis'), true],
      [who('', 'bar'), u('get', '/apis'), true],
      [who('admin'), u('get', '/apis'), true],
      [who('', 'admin'), u('get', '/apis'), true],
      [who('admin'), u('watch', '/apis'), true],
      [who('', 'admin'), u('watch', '/apis'), true],
      [who('prefixed'), u('get', '/apis/v1'), true],
      [who('', 'prefixed'), u('get', '/apis/v1'), true],
      [who('prefixed'), u('get', '/apis/v1/foobar'), true],
      [who('foo'), u('watch', '/apis'), false],
      [who('', 'bar'), u('watch', '/apis'), false],
      [who('foo'), u('get', '/api/v1'), false],
      [who('admin'), u('get', '/api/v1'), false],
      [who('prefixed'), u('get', '/api/v1'), false],
    ]);
  });

  it('subresource resolution', () => {
    const pods = new Authorizer(
      snapshot(
        clusterRole('admin', rule('*', '*', 'pods')),
        binding('ns1', 'ClusterRole:admin', 'User:admin'),
      ),
    );
    expectChecks(pods, [
      [who('admin'), get('pods', 'ns1'), true],
      [who('admin'), get('pods', 'ns1', { subresource: 'status' }), false],
    ]);
    const status = new Authorizer(
      snapshot(
        clusterRole('admin', rule('*', '*', 'pods/status')),
        binding('ns1', 'ClusterRole:admin', 'User:admin'),
      ),
    );
    expectChecks(status, [
      [who('admin'), get('pods', 'ns1', { subresource: 'status' }), true],
      [who('admin'), get('pods', 'ns1'), false],
    ]);
  });
});

describe('Authorizer: the semantics of DESIGN.md', () => {
  const authz = new Authorizer(
    snapshot(
      role('default', 'pod-reader', rule('get,list', '', 'pods')),
      named('read-pods', binding('default', 'Role:pod-reader', 'ServiceAccount:default:myapp1')),
      clusterRole('view', rule('get,list,watch', '', 'pods,services')),
      clusterRole('node-reader', rule('get,list', '', 'nodes')),
      named(
        'team-a-view',
        binding('team-a', 'ClusterRole:view', 'Group:system:serviceaccounts:team-a'),
      ),
      named('dev-view', binding('dev', 'ClusterRole:view', 'User:alice')),
      named('nodes', clusterBinding('ClusterRole:node-reader', 'User:alice')),
      named('ghost', binding('default', 'Role:missing', 'User:alice')),
      named('ghost-cluster', clusterBinding('ClusterRole:missing', 'User:alice')),
      named('role-in-other-ns', binding('other', 'Role:pod-reader', 'User:alice')),
      named('sa-no-ns', clusterBinding('ClusterRole:view', 'ServiceAccount::lost')),
      named('sa-local', binding('team-b', 'ClusterRole:view', 'ServiceAccount::worker')),
      clusterRole('health', urlRule('get', '/healthz,/metrics/*')),
      named('health', clusterBinding('ClusterRole:health', 'Group:system:authenticated')),
      named('health-rb', binding('default', 'ClusterRole:health', 'User:bob')),
    ),
  );
  const myapp1 = serviceAccountIdentity('default', 'myapp1');

  it.each<[string, Identity, RequestAttributes, boolean]>([
    ['the ServiceAccount user gets its RoleBinding', myapp1, req('list', 'pods', 'default'), true],
    ['…only for the verbs of the rule', myapp1, req('delete', 'pods', 'default'), false],
    ['…only in the binding namespace', myapp1, req('list', 'pods', 'team-a'), false],
    ['…not cluster-wide', myapp1, req('list', 'pods', ''), false],
    [
      'a ServiceAccount subject matches by namespace too',
      serviceAccountIdentity('other', 'myapp1'),
      req('list', 'pods', 'default'),
      false,
    ],
    [
      'SA groups: system:serviceaccounts:team-a',
      serviceAccountIdentity('team-a', 'web'),
      req('list', 'services', 'team-a'),
      true,
    ],
    [
      'SA groups: not in another namespace',
      serviceAccountIdentity('team-a', 'web'),
      req('list', 'services', 'team-b'),
      false,
    ],
    [
      'explicit groups are used exactly: no implicit SA groups',
      who('system:serviceaccount:team-a:web'),
      req('list', 'services', 'team-a'),
      false,
    ],
    [
      'a RoleBinding to a ClusterRole grants in its namespace',
      who('alice'),
      req('list', 'pods', 'dev'),
      true,
    ],
    ['…and nowhere else', who('alice'), req('list', 'pods', 'prod'), false],
    [
      'cluster-scoped resources come from ClusterRoleBindings',
      who('alice'),
      req('list', 'nodes', ''),
      true,
    ],
    [
      'a ClusterRoleBinding grants in every namespace',
      who('alice'),
      req('get', 'nodes', 'anything'),
      true,
    ],
    [
      'a RoleBinding to a Role of another namespace resolves in its own namespace',
      who('alice'),
      req('get', 'pods', 'other'),
      false,
    ],
    [
      'a binding to a missing role grants nothing',
      who('alice'),
      req('get', 'secrets', 'default'),
      false,
    ],
    [
      'a ServiceAccount subject without a namespace in a ClusterRoleBinding matches nobody',
      who('system:serviceaccount::lost'),
      req('get', 'pods', 'x'),
      false,
    ],
    [
      "a RoleBinding's ServiceAccount subject without a namespace is in the binding's namespace",
      serviceAccountIdentity('team-b', 'worker'),
      req('list', 'pods', 'team-b'),
      true,
    ],
    [
      '…and grants nowhere else',
      serviceAccountIdentity('team-b', 'worker'),
      req('list', 'pods', 'team-a'),
      false,
    ],
    [
      '…nor to a ServiceAccount of that name in another namespace',
      serviceAccountIdentity('default', 'worker'),
      req('list', 'pods', 'team-b'),
      false,
    ],
    [
      'non-resource URL through a ClusterRoleBinding',
      impersonatedIdentity('carol'),
      { verb: 'get', nonResourceURL: '/healthz' },
      true,
    ],
    [
      'non-resource URL prefix',
      impersonatedIdentity('carol'),
      { verb: 'get', nonResourceURL: '/metrics/cadvisor' },
      true,
    ],
    [
      'non-resource URL: not through a RoleBinding',
      who('bob'),
      { verb: 'get', nonResourceURL: '/healthz' },
      false,
    ],
    [
      'system:masters is allowed by the API server',
      who('root', 'system:masters'),
      req('delete', 'nodes', ''),
      true,
    ],
  ])('%s', (_name, identity, attributes, expected) => {
    expect(authz.canI(identity, attributes).allowed).toBe(expected);
  });

  it('explains an allow with every grant path and the API server reason', () => {
    const d = authz.canI(myapp1, req('list', 'pods', 'default'));
    expect(d.paths).toEqual([
      {
        binding: { kind: 'RoleBinding', name: 'read-pods', namespace: 'default' },
        role: { kind: 'Role', name: 'pod-reader', namespace: 'default' },
        rule: rule('get,list', '', 'pods'),
        ruleIndex: 0,
        subject: { kind: 'ServiceAccount', namespace: 'default', name: 'myapp1' },
      },
    ]);
    expect(d.reason).toBe(
      'RBAC: allowed by RoleBinding "read-pods/default" of Role "pod-reader" to ServiceAccount "myapp1/default"',
    );
  });

  it('lists every path, not only the first', () => {
    const d = authz.canI(impersonatedIdentity('alice'), req('get', 'pods', 'dev'));
    const a = new Authorizer(
      snapshot(
        clusterRole('a', rule('get', '', 'pods'), rule('get,list', '', '*')),
        clusterRole('b', rule('*', '*', '*')),
        clusterBinding('ClusterRole:a', 'User:u'),
        binding('ns', 'ClusterRole:b', 'Group:g'),
      ),
    );
    expect(d.paths).toHaveLength(1);
    const paths = a.canI(who('u', 'g'), req('get', 'pods', 'ns')).paths;
    expect(paths.map((p) => `${p.role.name}#${p.ruleIndex}`)).toEqual(['a#0', 'a#1', 'b#0']);
  });

  it('reports bindings to missing roles as warnings', () => {
    expect(authz.warnings).toContain(
      'RoleBinding default/ghost refers to Role missing, which does not exist: it grants nothing.',
    );
    expect(authz.warnings.some((w) => w.includes('ServiceAccount lost without a namespace'))).toBe(
      true,
    );
  });

  it("names a RoleBinding's ServiceAccount without a namespace with the binding's namespace", () => {
    const r = authz.whoCan(req('list', 'pods', 'team-b'));
    expect(r.subjects.map((s) => s.subject)).toEqual([
      { kind: 'ServiceAccount', name: 'worker', namespace: 'team-b' },
    ]);
    expect(authz.warnings.some((w) => w.includes('ServiceAccount worker without'))).toBe(false);
  });

  it('whoCan lists each subject of an allowing binding with its paths', () => {
    const r = authz.whoCan(req('list', 'pods', 'default'));
    const names = r.subjects.map((s) => `${s.subject.kind}:${s.subject.name}`).sort();
    expect(names).toEqual(['ServiceAccount:myapp1']);
    const team = authz.whoCan(req('list', 'services', 'team-a'));
    expect(team.subjects.map((s) => s.subject.name)).toEqual(['system:serviceaccounts:team-a']);
    const nodes = authz.whoCan(req('list', 'nodes', ''));
    expect(nodes.subjects.map((s) => s.subject.name)).toEqual(['alice']);
    expect(nodes.bypassGroups).toEqual(['system:masters']);
  });

  it('rulesFor gives cluster-wide and namespace rules with their paths', () => {
    const alice = impersonatedIdentity('alice');
    const inDev = authz
      .rulesFor(alice, 'dev')
      .map((g) => `${g.path.binding.name}:${g.rule.resources ?? g.rule.nonResourceURLs}`);
    expect(inDev.sort()).toEqual([
      'dev-view:pods,services',
      'health:/healthz,/metrics/*',
      'nodes:nodes',
    ]);
    expect(authz.rulesFor(alice, '').map((g) => g.path.binding.name)).toEqual(['nodes', 'health']);
    expect(authz.namespacesWithGrants(alice)).toEqual(['default', 'dev', 'other']);
  });

  it('deduplicates a binding that names the user and one of its groups, reporting the first subject', () => {
    const a = new Authorizer(
      snapshot(
        clusterRole('r', rule('get', '', 'pods')),
        clusterBinding('ClusterRole:r', 'Group:g', 'User:u'),
      ),
    );
    const d = a.canI(who('u', 'g'), req('get', 'pods', 'x'));
    expect(d.paths).toHaveLength(1);
    expect(d.paths[0]!.subject).toEqual({ kind: 'Group', name: 'g' });
  });
});
