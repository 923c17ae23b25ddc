import { describe, expect, it } from 'vitest';
import { Authorizer } from '../rbac/authorizer';
import {
  aggregated,
  binding,
  clusterBinding,
  clusterRole,
  labelled,
  named,
  role,
  rule,
  snapshot,
} from '../rbac/test-builders';
import type { RbacSnapshot } from '../rbac/types';
import { findRisks, type Finding } from './find-risks';

const run = (s: RbacSnapshot) => findRisks(new Authorizer(s));
const brief = (f: Finding) =>
  `${f.severity} ${f.rule} ${f.subject ? `${f.subject.kind}:${f.subject.name}` : `${f.object?.kind}:${f.object?.name}`} ${f.namespace || '*'}`;
const risky = (s: RbacSnapshot) =>
  run(s)
    .filter((f) => !['unused-role', 'missing-role', 'missing-serviceaccount'].includes(f.rule))
    .map(brief);

describe('findRisks: one table row per risky permission', () => {
  it.each<[string, RbacSnapshot, string[]]>([
    [
      'read secrets in a namespace',
      snapshot(role('ns', 'r', rule('get', '', 'secrets')), binding('ns', 'Role:r', 'User:u')),
      ['medium read-secrets User:u ns'],
    ],
    [
      'list secrets cluster-wide',
      snapshot(
        clusterRole('r', rule('list', '', 'secrets')),
        clusterBinding('ClusterRole:r', 'Group:g'),
      ),
      ['high read-secrets Group:g *'],
    ],
    [
      'escalate',
      snapshot(
        clusterRole('r', rule('escalate', 'rbac.authorization.k8s.io', 'clusterroles')),
        clusterBinding('ClusterRole:r', 'User:u'),
      ),
      ['critical escalate-bind-impersonate User:u *'],
    ],
    [
      'bind in a namespace',
      snapshot(
        role('ns', 'r', rule('bind', 'rbac.authorization.k8s.io', 'roles')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['high escalate-bind-impersonate User:u ns'],
    ],
    [
      'impersonate',
      snapshot(
        clusterRole('r', rule('impersonate', '', 'users')),
        clusterBinding('ClusterRole:r', 'User:u'),
      ),
      ['critical escalate-bind-impersonate User:u *'],
    ],
    [
      'write bindings',
      snapshot(
        role('ns', 'r', rule('create', 'rbac.authorization.k8s.io', 'rolebindings')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['high rbac-write User:u ns'],
    ],
    [
      'create pods',
      snapshot(role('ns', 'r', rule('create', '', 'pods')), binding('ns', 'Role:r', 'User:u')),
      ['medium create-workloads User:u ns'],
    ],
    [
      'create deployments',
      snapshot(
        role('ns', 'r', rule('create', 'apps', 'deployments')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['medium create-workloads User:u ns'],
    ],
    [
      'pods/exec',
      snapshot(role('ns', 'r', rule('create', '', 'pods/exec')), binding('ns', 'Role:r', 'User:u')),
      ['medium pod-exec User:u ns'],
    ],
    [
      'pods/portforward',
      snapshot(
        role('ns', 'r', rule('create', '', 'pods/portforward')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['medium pod-exec User:u ns'],
    ],
    [
      'serviceaccounts/token',
      snapshot(
        role('ns', 'r', rule('create', '', 'serviceaccounts/token')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['medium serviceaccount-token User:u ns'],
    ],
    [
      'nodes/proxy',
      snapshot(
        clusterRole('r', rule('get', '', 'nodes/proxy')),
        clusterBinding('ClusterRole:r', 'User:u'),
      ),
      ['critical node-proxy User:u *'],
    ],
    [
      'approve CSRs takes both permissions',
      snapshot(
        clusterRole(
          'r',
          rule('update', 'certificates.k8s.io', 'certificatesigningrequests/approval'),
          rule('approve', 'certificates.k8s.io', 'signers'),
        ),
        clusterBinding('ClusterRole:r', 'User:u'),
      ),
      ['high approve-csr User:u *'],
    ],
    [
      'approval alone is not enough',
      snapshot(
        clusterRole(
          'r',
          rule('update', 'certificates.k8s.io', 'certificatesigningrequests/approval'),
        ),
        clusterBinding('ClusterRole:r', 'User:u'),
      ),
      [],
    ],
    [
      'webhooks',
      snapshot(
        clusterRole(
          'r',
          rule('patch', 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations'),
        ),
        clusterBinding('ClusterRole:r', 'User:u'),
      ),
      ['critical webhook-config User:u *'],
    ],
    [
      'anything, reported once rather than as every risk it implies',
      snapshot(clusterRole('r', rule('*', '*', '*')), clusterBinding('ClusterRole:r', 'User:root')),
      ['critical everything User:root *'],
    ],
    [
      'a wildcard that reaches secrets and exec indirectly',
      snapshot(role('ns', 'r', rule('get', '*', '*')), binding('ns', 'Role:r', 'User:u')),
      [
        // get on every resource includes pods/exec, which WebSocket exec clients use.
        'medium pod-exec User:u ns',
        'medium read-secrets User:u ns',
      ],
    ],
    [
      'an aggregated role that reaches a risky permission through a member',
      snapshot(
        aggregated('agg', [{ matchLabels: { x: 'y' } }]),
        labelled(clusterRole('member', rule('create', '', 'pods/exec')), { x: 'y' }),
        binding('ns', 'ClusterRole:agg', 'ServiceAccount:ns:app'),
      ),
      ['medium pod-exec ServiceAccount:app ns'],
    ],
    [
      'the harmless get of one named ConfigMap',
      snapshot(
        role('ns', 'r', rule('get', '', 'configmaps', 'app-config')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      [],
    ],
    [
      'reading pods',
      snapshot(
        role('ns', 'r', rule('get,list,watch', '', 'pods')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      [],
    ],
  ])('%s', (_name, s, expected) => {
    expect(risky(s)).toEqual(expected);
  });

  it('counts group bindings for a ServiceAccount', () => {
    const s = snapshot(
      clusterRole('r', rule('get', '', 'secrets')),
      binding(
        'team',
        'ClusterRole:r',
        'Group:system:serviceaccounts:team',
        'ServiceAccount:team:app',
      ),
    );
    expect(risky(s)).toEqual([
      'medium read-secrets Group:system:serviceaccounts:team team',
      'medium read-secrets ServiceAccount:app team',
    ]);
  });
});

describe('findRisks: hygiene', () => {
  it('grants to anonymous, unauthenticated and all authenticated users', () => {
    const s = snapshot(
      clusterRole('r', rule('get', '', 'pods')),
      named(
        'open',
        clusterBinding(
          'ClusterRole:r',
          'Group:system:unauthenticated',
          'Group:system:authenticated',
        ),
      ),
    );
    expect(
      run(s)
        .filter((f) => f.rule === 'public-grant')
        .map(brief),
    ).toEqual([
      'high public-grant Group:system:unauthenticated *',
      'medium public-grant Group:system:authenticated *',
    ]);
  });

  it('the default ServiceAccount holding permissions', () => {
    const s = snapshot(
      role('ns', 'r', rule('get', '', 'pods')),
      binding('ns', 'Role:r', 'ServiceAccount:ns:default'),
    );
    s.serviceAccounts.push({ namespace: 'ns', name: 'default' });
    expect(
      run(s)
        .filter((f) => f.rule === 'default-serviceaccount')
        .map(brief),
    ).toEqual(['medium default-serviceaccount ServiceAccount:default ns']);
  });

  it('bindings to missing roles and ServiceAccounts, and roles nothing binds', () => {
    const s = snapshot(
      role('ns', 'lonely', rule('get', '', 'pods')),
      named('ghost', binding('ns', 'Role:missing', 'ServiceAccount:ns:nobody')),
    );
    s.serviceAccounts.push({ namespace: 'ns', name: 'someone' });
    expect(run(s).map(brief).sort()).toEqual([
      'low missing-role ServiceAccount:nobody ns',
      'low missing-serviceaccount ServiceAccount:nobody ns',
      'low unused-role Role:lonely ns',
    ]);
  });

  it('a ClusterRoleBinding naming a ServiceAccount without a namespace, once', () => {
    const s = snapshot(
      clusterRole('r', rule('get', '', 'secrets')),
      named(
        'lost',
        clusterBinding('ClusterRole:r', 'ServiceAccount::ghost', 'ServiceAccount::ghost'),
      ),
      // A RoleBinding's is its own namespace's ServiceAccount: no hygiene finding, a risk one.
      named('local', binding('ns', 'ClusterRole:r', 'ServiceAccount::reader')),
    );
    const found = run(s).filter((f) => f.rule !== 'unused-role');
    expect(found.map(brief).sort()).toEqual([
      'low unmatched-subject ServiceAccount:ghost *',
      'medium read-secrets ServiceAccount:reader ns',
    ]);
    const f = found.find((x) => x.rule === 'unmatched-subject')!;
    expect(f.message).toBe(
      'ClusterRoleBinding lost names ServiceAccount ghost without a namespace, so it matches no ServiceAccount.',
    );
    expect(f.subject).toEqual({ kind: 'ServiceAccount', name: 'ghost' });
    expect(f.object).toEqual({ kind: 'ClusterRoleBinding', name: 'lost' });
    expect(f.paths).toEqual([]);
    expect(f.expected).toBe(false);
    expect(found.find((x) => x.rule === 'read-secrets')!.subject).toEqual({
      kind: 'ServiceAccount',
      name: 'reader',
      namespace: 'ns',
    });
  });

  it('marks built-in system subjects and bootstrap bindings as expected', () => {
    const boot = {
      ...named('system:basic', clusterBinding('ClusterRole:r', 'Group:system:authenticated')),
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
    };
    const s = snapshot(
      clusterRole('r', rule('get', '', 'secrets')),
      boot,
      clusterBinding('ClusterRole:r', 'Group:system:masters'),
      clusterBinding('ClusterRole:r', 'ServiceAccount:kube-system:ctrl'),
    );
    const f = run(s).filter((x) => x.rule !== 'unused-role');
    expect(f.length).toBeGreaterThan(0);
    for (const x of f) expect(x.expected, brief(x)).toBe(true);
  });
});

describe('findRisks on the demo', async () => {
  const { loadDemoSource } = await import('../sources/demo-source');
  const { snapshot: demo } = await loadDemoSource();
  const findings = findRisks(new Authorizer(demo));

  it('flags the CI ServiceAccount bound to cluster-admin as critical, once', () => {
    const ci = findings.filter(
      (f) => f.subject?.kind === 'ServiceAccount' && f.subject.name === 'deployer',
    );
    expect(ci.map(brief)).toEqual(['critical everything ServiceAccount:deployer *']);
    expect(ci[0]!.paths[0]!.binding.name).toBe('ci-deployer-cluster-admin');
    expect(ci[0]!.expected).toBe(false);
  });

  it('does not flag the named ConfigMap reader, and keeps system subjects expected', () => {
    expect(findings.some((f) => f.subject?.name === 'backend')).toBe(false);
    expect(findings.find((f) => f.subject?.name === 'system:masters')?.expected).toBe(true);
  });
});
