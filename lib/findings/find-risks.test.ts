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

const RBAC = 'rbac.authorization.k8s.io';
const CERTS = 'certificates.k8s.io';

describe('findRisks: grants limited by resourceNames, where the API server always sends a name', () => {
  it.each<[string, RbacSnapshot, string[]]>([
    [
      'bind one ClusterRole (cluster-admin) cluster-wide',
      snapshot(
        clusterRole('r', rule('bind', RBAC, 'clusterroles', 'cluster-admin')),
        clusterBinding('ClusterRole:r', 'User:u'),
      ),
      ['critical escalate-bind-impersonate User:u *'],
    ],
    [
      'bind one ClusterRole in a RoleBinding of a namespace',
      snapshot(
        clusterRole('r', rule('bind', RBAC, 'clusterroles', 'admin')),
        binding('ns', 'ClusterRole:r', 'User:u'),
      ),
      ['high escalate-bind-impersonate User:u ns'],
    ],
    [
      'escalate one Role',
      snapshot(
        role('ns', 'r', rule('escalate', RBAC, 'roles', 'app')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['high escalate-bind-impersonate User:u ns'],
    ],
    [
      'impersonate one user',
      snapshot(
        clusterRole('r', rule('impersonate', '', 'users', 'admin')),
        clusterBinding('ClusterRole:r', 'User:u'),
      ),
      ['critical escalate-bind-impersonate User:u *'],
    ],
    [
      'impersonate one ServiceAccount of a namespace',
      snapshot(
        role('ns', 'r', rule('impersonate', '', 'serviceaccounts', 'admin-sa')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['high escalate-bind-impersonate User:u ns'],
    ],
    [
      // The API server takes a UID only with a user to impersonate, which takes its own grant.
      'impersonate one uid alone',
      snapshot(
        clusterRole('r', rule('impersonate', 'authentication.k8s.io', 'uids', '42')),
        clusterBinding('ClusterRole:r', 'User:u'),
      ),
      [],
    ],
    [
      'mint tokens for one ServiceAccount',
      snapshot(
        role('ns', 'r', rule('create', '', 'serviceaccounts/token', 'admin-sa')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['medium serviceaccount-token User:u ns'],
    ],
    [
      'approve CSRs for one signer',
      snapshot(
        clusterRole(
          'r',
          rule('update', CERTS, 'certificatesigningrequests/approval'),
          rule('approve', CERTS, 'signers', 'kubernetes.io/kube-apiserver-client'),
        ),
        clusterBinding('ClusterRole:r', 'User:u'),
      ),
      ['high approve-csr User:u *'],
    ],
    [
      'approve CSRs for every signer of a domain',
      snapshot(
        clusterRole(
          'r',
          rule('update', CERTS, 'certificatesigningrequests/approval'),
          rule('approve', CERTS, 'signers', 'kubernetes.io/*'),
        ),
        clusterBinding('ClusterRole:r', 'User:u'),
      ),
      ['high approve-csr User:u *'],
    ],
    [
      'exec into one Pod',
      snapshot(
        role('ns', 'r', rule('create', '', 'pods/exec', 'web-0')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['medium pod-exec User:u ns'],
    ],
    [
      'nodes/proxy of one node',
      snapshot(
        clusterRole('r', rule('get', '', 'nodes/proxy', 'node-1')),
        clusterBinding('ClusterRole:r', 'User:u'),
      ),
      ['critical node-proxy User:u *'],
    ],
    [
      'reading one named Secret is least privilege, not flagged',
      snapshot(
        role('ns', 'r', rule('get', '', 'secrets', 'app-secret')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      [],
    ],
    [
      'a name listed for another resource or verb grants nothing here',
      snapshot(
        role('ns', 'r', rule('get', '', 'configmaps', 'cluster-admin')),
        binding('ns', 'Role:r', 'User:u'),
        clusterRole('other', rule('get', RBAC, 'clusterroles', 'cluster-admin')),
        clusterBinding('ClusterRole:other', 'User:v'),
      ),
      [],
    ],
  ])('%s', (_name, s, expected) => {
    expect(risky(s)).toEqual(expected);
  });

  it('says which names the grant is limited to, and links a request that is allowed', () => {
    const s = snapshot(
      clusterRole('r', rule('bind', RBAC, 'clusterroles', 'cluster-admin,admin')),
      clusterBinding('ClusterRole:r', 'User:u'),
    );
    const [f] = run(s).filter((x) => x.rule === 'escalate-bind-impersonate');
    expect(f!.message).toBe(
      'User u can escalate, bind or impersonate cluster-wide, only for admin, cluster-admin.',
    );
    expect(f!.request).toEqual({
      verb: 'bind',
      apiGroup: RBAC,
      resource: 'clusterroles',
      name: 'admin',
      namespace: '',
    });
    expect(f!.paths.map((p) => p.role.name)).toEqual(['r']);
  });

  it('names the resource when the names limit several kinds', () => {
    const s = snapshot(
      clusterRole(
        'r',
        rule('impersonate', '', 'users', 'admin'),
        rule('bind', RBAC, 'clusterroles', 'cluster-admin'),
      ),
      clusterBinding('ClusterRole:r', 'User:u'),
    );
    const [f] = run(s).filter((x) => x.rule === 'escalate-bind-impersonate');
    expect(f!.message).toBe(
      'User u can escalate, bind or impersonate cluster-wide, only for clusterroles cluster-admin; users admin.',
    );
  });

  it('a namespace where the grant holds for every name is reported beside the names cluster-wide', () => {
    const s = snapshot(
      clusterRole('view-only', rule('bind', RBAC, 'clusterroles', 'view')),
      clusterBinding('ClusterRole:view-only', 'User:u'),
      clusterRole('any', rule('bind', RBAC, 'clusterroles')),
      binding('ns', 'ClusterRole:any', 'User:u'),
      // Only the names already granted cluster-wide: nothing more to say in ns2.
      binding('ns2', 'ClusterRole:view-only', 'User:u'),
    );
    expect(
      run(s)
        .filter((f) => f.rule === 'escalate-bind-impersonate')
        .map((f) => `${brief(f)}: ${f.message}`),
    ).toEqual([
      'critical escalate-bind-impersonate User:u *: User u can escalate, bind or impersonate cluster-wide, only for view.',
      'high escalate-bind-impersonate User:u ns: User u can escalate, bind or impersonate in namespace ns.',
    ]);
  });

  it('says nothing of names when one request is allowed for every name', () => {
    const s = snapshot(
      role('ns', 'r', rule('create', '', 'pods/exec', 'web-0'), rule('create', '', 'pods/attach')),
      binding('ns', 'Role:r', 'User:u'),
    );
    const [f] = run(s).filter((x) => x.rule === 'pod-exec');
    expect(f!.message).toBe('User u can exec, attach or port-forward into pods in namespace ns.');
  });
});

describe('findRisks: a cluster-wide grant limited to names is reported once', () => {
  const base = [
    clusterRole(
      'imp',
      rule('impersonate', '', 'users', 'alice'),
      rule('impersonate', '', 'serviceaccounts', 'ci-bot'),
    ),
    clusterBinding('ClusterRole:imp', 'User:bob'),
    role('team-a', 'cm', rule('get', '', 'configmaps')),
    role('team-b', 'cm', rule('get', '', 'configmaps')),
    binding('team-a', 'Role:cm', 'User:bob'),
    binding('team-b', 'Role:cm', 'User:bob'),
  ];

  it('not again in each namespace where the subject holds something else', () => {
    expect(
      run(snapshot(...base))
        .filter((f) => f.rule === 'escalate-bind-impersonate')
        .map((f) => `${brief(f)}: ${f.message}`),
    ).toEqual([
      'critical escalate-bind-impersonate User:bob *: User bob can escalate, bind or impersonate cluster-wide, only for serviceaccounts ci-bot; users alice.',
    ]);
  });

  it('but again where a RoleBinding of the namespace grants more', () => {
    const more = snapshot(
      ...base,
      role('team-a', 'imp-sa', rule('impersonate', '', 'serviceaccounts')),
      binding('team-a', 'Role:imp-sa', 'User:bob'),
    );
    expect(
      run(more)
        .filter((f) => f.rule === 'escalate-bind-impersonate')
        .map(brief),
    ).toEqual([
      'critical escalate-bind-impersonate User:bob *',
      'high escalate-bind-impersonate User:bob team-a',
    ]);
  });
});

describe('findRisks: namespace grants the API server never honours', () => {
  it.each<[string, RbacSnapshot, string[]]>([
    [
      'impersonating users and groups from a Role',
      snapshot(
        role('ns', 'r', rule('impersonate', '', 'users,groups')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      [],
    ],
    [
      'impersonating ServiceAccounts from a Role is namespaced',
      snapshot(
        role('ns', 'r', rule('impersonate', '', 'serviceaccounts')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['high escalate-bind-impersonate User:u ns'],
    ],
    [
      'creating ClusterRoleBindings from a Role',
      snapshot(
        role('ns', 'r', rule('create', RBAC, 'clusterrolebindings,clusterroles')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      [],
    ],
    [
      'escalating ClusterRoles through a RoleBinding',
      snapshot(
        clusterRole('r', rule('escalate', RBAC, 'clusterroles')),
        binding('ns', 'ClusterRole:r', 'User:u'),
      ),
      [],
    ],
    [
      'binding ClusterRoles through a RoleBinding is checked in its namespace',
      snapshot(
        clusterRole('r', rule('bind', RBAC, 'clusterroles')),
        binding('ns', 'ClusterRole:r', 'User:u'),
      ),
      ['high escalate-bind-impersonate User:u ns'],
    ],
    [
      'nodes/proxy through a RoleBinding',
      snapshot(
        clusterRole('r', rule('get', '', 'nodes/proxy')),
        binding('ns', 'ClusterRole:r', 'User:u'),
      ),
      [],
    ],
  ])('%s', (_name, s, expected) => {
    expect(risky(s)).toEqual(expected);
  });
});

describe('findRisks: changing a workload is as good as creating one', () => {
  it.each<[string, RbacSnapshot, string[]]>([
    ...(
      [
        ['apps', 'deployments'],
        ['apps', 'daemonsets'],
        ['apps', 'statefulsets'],
        ['apps', 'replicasets'],
        ['batch', 'jobs'],
        ['batch', 'cronjobs'],
        ['', 'pods'],
        ['', 'replicationcontrollers'],
      ] as const
    ).flatMap(([group, resource]) =>
      ['patch', 'update'].map((verb): [string, RbacSnapshot, string[]] => [
        `${verb} ${resource}`,
        snapshot(role('ns', 'r', rule(verb, group, resource)), binding('ns', 'Role:r', 'User:u')),
        ['medium create-workloads User:u ns'],
      ]),
    ),
    [
      'create replicationcontrollers',
      snapshot(
        role('ns', 'r', rule('create', '', 'replicationcontrollers')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['medium create-workloads User:u ns'],
    ],
    [
      'patch pods/ephemeralcontainers is exec by another name',
      snapshot(
        role('ns', 'r', rule('patch', '', 'pods/ephemeralcontainers')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['medium pod-exec User:u ns'],
    ],
    [
      'update pods/ephemeralcontainers',
      snapshot(
        role('ns', 'r', rule('update', '', 'pods/ephemeralcontainers')),
        binding('ns', 'Role:r', 'User:u'),
      ),
      ['medium pod-exec User:u ns'],
    ],
  ])('%s', (_name, s, expected) => {
    expect(risky(s)).toEqual(expected);
  });

  it('says create or change', () => {
    const s = snapshot(
      role('ns', 'r', rule('patch', 'apps', 'deployments')),
      binding('ns', 'Role:r', 'User:u'),
    );
    expect(run(s).find((f) => f.rule === 'create-workloads')!.message).toBe(
      'User u can create or change pods or workloads in namespace ns.',
    );
  });
});

describe('findRisks: only the control plane and bootstrap bindings are expected', () => {
  const admin = clusterRole('cluster-admin', rule('*', '*', '*'));
  const everything = (subject: string) =>
    run(snapshot(admin, clusterBinding('ClusterRole:cluster-admin', subject))).find(
      (f) => f.rule === 'everything',
    )!;

  it.each([
    'User:system:anonymous',
    'Group:system:unauthenticated',
    'Group:system:authenticated',
    'User:system:serviceaccount:default:evil',
    'User:system:serviceaccount:kube-system:evil',
    'Group:system:serviceaccounts',
  ])('cluster-admin for %s is an alarm', (subject) => {
    expect(everything(subject).expected).toBe(false);
  });

  it.each([
    'User:system:kube-controller-manager',
    'User:system:kube-scheduler',
    'User:system:kube-proxy',
    'User:system:node:node-1',
    'Group:system:masters',
    'ServiceAccount:kube-system:ctrl',
  ])('a grant to %s is expected', (subject) => {
    expect(everything(subject).expected).toBe(true);
  });

  it('a bootstrap binding stays expected, whoever it names', () => {
    const boot = {
      ...clusterBinding('ClusterRole:cluster-admin', 'User:system:anonymous'),
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
    };
    expect(run(snapshot(admin, boot)).find((f) => f.rule === 'everything')!.expected).toBe(true);
  });
});
