import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../../bench/synthetic-cluster';
import { startTestCluster, type TestCluster } from '../../e2e/fixtures/test-cluster';
import { Authorizer } from '../rbac/authorizer';
import type { Identity } from '../rbac/identity';
import type { RequestAttributes } from '../rbac/rule-matching';
import { ClusterSource } from '../sources/cluster-source';
import { KubeClient } from './kube-client';
import { subjectAccessReview } from './subject-access-review';

/**
 * The engine against the real API server: random RBAC configurations (aggregation with every
 * selector operator, missing roles, resourceNames, subresources, non-resource URLs, User,
 * Group and ServiceAccount subjects) and random requests; every decision must equal the
 * API server's SubjectAccessReview.
 */
const CONFIGS = 20;
const REQUESTS_PER_CONFIG = 110;
const SEED = 20261129;

type Obj = Record<string, unknown>;
const RBAC = 'rbac.authorization.k8s.io/v1';

const VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'escalate',
  'bind',
  'impersonate',
  'use',
];
const GROUPS = ['', 'apps', 'batch', 'rbac.authorization.k8s.io', 'example.com'];
const RESOURCES = [
  'pods',
  'pods/log',
  'pods/exec',
  'deployments',
  'deployments/scale',
  'statefulsets/scale',
  'configmaps',
  'secrets',
  'jobs',
  'roles',
  'widgets',
  'nodes',
];
const RULE_RESOURCES = [...RESOURCES, '*', '*/scale', 'pods/*'];
const NAMES = ['alpha', 'beta', 'gamma'];
const URLS = [
  '/healthz',
  '/healthz/etcd',
  '/metrics',
  '/metrics/cadvisor',
  '/api',
  '/apis/apps',
  '/version',
  '/logs/x',
];
const RULE_URLS = ['/healthz', '/metrics/*', '/api*', '*', '/version', '/logs/*'];

function generate(c: number, random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const some = <T>(xs: readonly T[], max: number): T[] => [
    ...new Set(Array.from({ length: 1 + int(max) }, () => pick(xs))),
  ];
  const p = `d${c}`;
  const nsA = `${p}-a`;
  const nsB = `${p}-b`;
  const users = [`${p}-alice`, `${p}-bob`];
  const groups = [`${p}-devs`, `${p}-ops`];
  const sas = [`system:serviceaccount:${nsA}:sa1`, `system:serviceaccount:${nsB}:sa2`];
  const member = `${p}.example.com/member`;
  const tier = `${p}.example.com/tier`;

  const resourceRule = (): Obj => {
    const rule: Obj = {
      verbs: random() < 0.1 ? ['*'] : some(VERBS, 3),
      apiGroups: random() < 0.1 ? ['*'] : some(GROUPS, 2),
      resources: some(RULE_RESOURCES, 2),
    };
    if (random() < 0.2) rule.resourceNames = some(NAMES, 2);
    return rule;
  };
  const urlRule = (): Obj => ({
    verbs: random() < 0.2 ? ['*'] : some(['get', 'post'], 2),
    nonResourceURLs: some(RULE_URLS, 2),
  });
  const subject = (ns: string): Obj => {
    const roll = random();
    if (roll < 0.3)
      return { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: pick(users) };
    if (roll < 0.5)
      return { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: pick(groups) };
    if (roll < 0.6)
      return {
        kind: 'Group',
        apiGroup: 'rbac.authorization.k8s.io',
        name: `system:serviceaccounts:${pick([nsA, nsB])}`,
      };
    const sa = pick(sas).split(':');
    // Now and then a RoleBinding's ServiceAccount subject without namespace: its binding's.
    if (ns && random() < 0.15) return { kind: 'ServiceAccount', name: sa[3] };
    return { kind: 'ServiceAccount', name: sa[3], namespace: sa[2] };
  };

  const clusterRoles: Obj[] = Array.from({ length: 3 + int(3) }, (_, i) => {
    const labels: Record<string, string> = { [member]: 'true' };
    if (random() < 0.7) labels[tier] = pick(['x', 'y', 'z']);
    const rules = Array.from({ length: 1 + int(3) }, () =>
      random() < 0.2 ? urlRule() : resourceRule(),
    );
    return {
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: `${p}-cr${i}`, labels },
      rules,
    };
  });
  const selectors = [
    () => ({ matchLabels: { [tier]: pick(['x', 'y', 'z']) } }),
    () => ({ matchExpressions: [{ key: tier, operator: 'In', values: some(['x', 'y', 'z'], 2) }] }),
    () => ({
      matchExpressions: [
        { key: member, operator: 'Exists' },
        { key: tier, operator: 'NotIn', values: [pick(['x', 'y', 'z'])] },
      ],
    }),
    () => ({
      matchExpressions: [
        { key: member, operator: 'Exists' },
        { key: tier, operator: 'DoesNotExist' },
      ],
    }),
  ];
  const aggregated: Obj[] = Array.from({ length: 1 + int(2) }, (_, i) => ({
    apiVersion: RBAC,
    kind: 'ClusterRole',
    // The second aggregated role may itself be aggregated by the first: a chain.
    metadata: { name: `${p}-agg${i}`, labels: i > 0 ? { [member]: 'true', [tier]: 'x' } : {} },
    aggregationRule: {
      clusterRoleSelectors: Array.from({ length: 1 + int(2) }, () => pick(selectors)()),
    },
    // Rules written at creation: replaced by the controller, unless it selects no rules.
    rules: random() < 0.5 ? [resourceRule()] : [],
  }));
  const clusterRoleNames = [...clusterRoles, ...aggregated].map(
    (r) => (r.metadata as { name: string }).name,
  );
  const roles: Obj[] = [nsA, nsB].flatMap((ns) =>
    Array.from({ length: 1 + int(2) }, (_, i) => ({
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: `role${i}`, namespace: ns },
      rules: Array.from({ length: 1 + int(3) }, resourceRule),
    })),
  );
  const roleRef = (ns: string): Obj => {
    const roll = random();
    if (roll < 0.1)
      return {
        apiGroup: 'rbac.authorization.k8s.io',
        // A ClusterRoleBinding may only refer to a ClusterRole.
        kind: ns ? pick(['Role', 'ClusterRole']) : 'ClusterRole',
        name: `${p}-missing`,
      };
    if (roll < 0.5 && ns)
      return { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `role${int(2)}` };
    return {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: pick(clusterRoleNames),
    };
  };
  const roleBindings: Obj[] = [nsA, nsB].flatMap((ns) =>
    Array.from({ length: 2 + int(3) }, (_, i) => ({
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: `rb${i}`, namespace: ns },
      roleRef: roleRef(ns),
      subjects: Array.from({ length: 1 + int(3) }, () => subject(ns)),
    })),
  );
  const clusterRoleBindings: Obj[] = Array.from({ length: 1 + int(3) }, (_, i) => ({
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name: `${p}-crb${i}` },
    roleRef: roleRef(''),
    subjects: Array.from({ length: 1 + int(2) }, () => subject('')),
  }));

  const randomIdentity = (): Identity => {
    const roll = random();
    if (roll < 0.4) {
      const g = groups.filter(() => random() < 0.4);
      if (random() < 0.5) g.push('system:authenticated');
      if (random() < 0.02) g.push('system:masters');
      return { user: pick(users), groups: g };
    }
    if (roll < 0.8) {
      const user = pick(sas);
      const ns = user.split(':')[2]!;
      return random() < 0.7
        ? {
            user,
            groups: [
              'system:serviceaccounts',
              `system:serviceaccounts:${ns}`,
              'system:authenticated',
            ],
          }
        : { user, groups: [] };
    }
    return { user: '', groups: some(groups, 2) };
  };
  const randomAttrs = (): RequestAttributes => {
    if (random() < 0.15) return { verb: pick(['get', 'post', 'put']), nonResourceURL: pick(URLS) };
    const [resource, subresource] = pick(RESOURCES).split('/') as [string, string | undefined];
    const attrs: RequestAttributes = {
      verb: pick(VERBS),
      apiGroup: pick(GROUPS),
      resource,
      namespace: pick([nsA, nsB, nsA, '', 'elsewhere']),
    };
    if (subresource) attrs.subresource = subresource;
    if (random() < 0.35) attrs.name = pick(NAMES);
    return attrs;
  };
  const identityOfSubject = (s: Obj, bindingNs: string): Identity => {
    if (s.kind === 'User')
      return { user: String(s.name), groups: random() < 0.5 ? ['system:authenticated'] : [] };
    if (s.kind === 'Group') return { user: '', groups: [String(s.name)] };
    const ns = String(s.namespace ?? bindingNs);
    return {
      user: `system:serviceaccount:${ns}:${String(s.name)}`,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`],
    };
  };
  const concrete = (xs: string[], pool: readonly string[]) => {
    const x = pick(xs);
    return x === '*' ? pick(pool) : x;
  };
  /** A request one binding's rule grants, to hit the allow side too. */
  const grantedRequest = (): { identity: Identity; attrs: RequestAttributes } | undefined => {
    const b = pick([...roleBindings, ...clusterRoleBindings]);
    const meta = b.metadata as { namespace?: string };
    const ref = b.roleRef as { kind: string; name: string };
    const role = [...roles, ...clusterRoles].find(
      (r) => r.kind === ref.kind && (r.metadata as { name: string }).name === ref.name,
    );
    const rules = (role?.rules as Obj[] | undefined) ?? [];
    if (rules.length === 0) return undefined;
    const rule = pick(rules) as {
      verbs: string[];
      apiGroups?: string[];
      resources?: string[];
      resourceNames?: string[];
      nonResourceURLs?: string[];
    };
    const identity = identityOfSubject(pick(b.subjects as Obj[]), meta.namespace ?? '');
    if (rule.nonResourceURLs) {
      const u = pick(rule.nonResourceURLs);
      const url =
        u === '*'
          ? pick(URLS)
          : u.endsWith('*')
            ? `${u.replace(/\*+$/, '')}${pick(['', 'x', '/y'])}`
            : u;
      return {
        identity,
        attrs: { verb: concrete(rule.verbs, ['get', 'post']), nonResourceURL: url },
      };
    }
    const r = concrete(rule.resources!, RESOURCES);
    const [resource, subresource] = (
      r.startsWith('*/') ? `${pick(RESOURCES).split('/')[0]}${r.slice(1)}` : r
    ).split('/') as [string, string | undefined];
    const attrs: RequestAttributes = {
      verb: concrete(rule.verbs, VERBS),
      apiGroup: concrete(rule.apiGroups!, GROUPS),
      resource,
      namespace: meta.namespace ?? pick([nsA, nsB, '']),
    };
    if (subresource) attrs.subresource = subresource;
    if (rule.resourceNames) attrs.name = pick(rule.resourceNames);
    else if (random() < 0.3) attrs.name = pick(NAMES);
    return { identity, attrs };
  };
  const requests: { identity: Identity; attrs: RequestAttributes }[] = Array.from(
    { length: REQUESTS_PER_CONFIG },
    () => {
      const granted = random() < 0.6 ? grantedRequest() : undefined;
      if (!granted) return { identity: randomIdentity(), attrs: randomAttrs() };
      // Now and then change one thing, to land just beside a grant.
      const roll = random();
      if (roll < 0.1) granted.identity = randomIdentity();
      else if (roll < 0.2 && 'resource' in granted.attrs)
        granted.attrs.namespace = pick([nsA, nsB, '', 'elsewhere']);
      else if (roll < 0.3) granted.attrs.verb = pick(VERBS);
      else if (roll < 0.35 && 'resource' in granted.attrs) delete granted.attrs.name;
      return granted;
    },
  );

  const objects = [
    ...[nsA, nsB].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    ...clusterRoles,
    ...aggregated,
    ...roles,
    ...roleBindings,
    ...clusterRoleBindings,
  ];
  return { objects, requests };
}

function pathFor(o: Obj): string {
  const meta = o.metadata as { namespace?: string };
  switch (o.kind) {
    case 'Namespace':
      return '/api/v1/namespaces';
    case 'ClusterRole':
      return '/apis/rbac.authorization.k8s.io/v1/clusterroles';
    case 'ClusterRoleBinding':
      return '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings';
    case 'Role':
      return `/apis/rbac.authorization.k8s.io/v1/namespaces/${meta.namespace}/roles`;
    default:
      return `/apis/rbac.authorization.k8s.io/v1/namespaces/${meta.namespace}/rolebindings`;
  }
}

let cluster: TestCluster;
let admin: KubeClient;
let source: ClusterSource;

beforeAll(async () => {
  cluster = await startTestCluster();
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  admin = new KubeClient(kc);
  source = new ClusterSource(admin, kc.getCurrentContext());
  await source.start();
}, 600_000);

afterAll(async () => {
  source?.stop();
  await cluster?.stop();
});

describe('differential: the engine against SubjectAccessReview', () => {
  it(`agrees on ${CONFIGS * REQUESTS_PER_CONFIG} random requests over ${CONFIGS} random configurations`, async () => {
    const random = rng(SEED);
    const configs = Array.from({ length: CONFIGS }, (_, c) => generate(c, random));
    for (const { objects } of configs) {
      for (const o of objects) await admin.request(pathFor(o), { method: 'POST', body: o });
    }
    const expected = configs.reduce(
      (n, c) => n + c.objects.filter((o) => o.kind !== 'Namespace').length,
      0,
    );
    // Wait until the watch has every object and the aggregation controller has reconciled.
    const deadline = Date.now() + 60_000;
    let authz: Authorizer;
    for (;;) {
      const s = source.snapshot();
      const ours = [
        ...s.clusterRoles,
        ...s.clusterRoleBindings,
        ...s.roles,
        ...s.roleBindings,
      ].filter(
        (o) => /^d\d+-/.test(o.name) || ('namespace' in o && /^d\d+-/.test(o.namespace)),
      ).length;
      authz = new Authorizer(s);
      const stale = authz.warnings.filter((w) => w.includes('aggregated'));
      if (ours === expected && stale.length === 0) break;
      if (Date.now() > deadline)
        throw new Error(`not settled: ${ours}/${expected} objects, ${stale.join('; ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    const all = configs.flatMap((c) => c.requests);
    const mismatches: string[] = [];
    let allowedByServer = 0;
    for (let i = 0; i < all.length; i += 25) {
      const batch = all.slice(i, i + 25);
      const verdicts = await Promise.all(
        batch.map((q) => subjectAccessReview(admin, q.identity, q.attrs)),
      );
      batch.forEach((q, j) => {
        const ours = authz.canI(q.identity, q.attrs, { explain: false });
        const theirs = verdicts[j]!;
        if (theirs.allowed) allowedByServer++;
        if (
          ours.allowed !== theirs.allowed ||
          (theirs.allowed && theirs.reason && !ours.bypass && !ours.paths.length)
        ) {
          mismatches.push(
            `${JSON.stringify(q)}: engine ${ours.allowed}, API server ${theirs.allowed} (${theirs.reason ?? ''})`,
          );
        }
      });
    }
    console.log(
      `differential: compared ${all.length} requests over ${CONFIGS} configurations with SubjectAccessReview: ` +
        `${all.length - mismatches.length} equal (${allowedByServer} allowed), ${mismatches.length} different`,
    );
    expect(mismatches).toEqual([]);
    // A meaningful mix: neither everything allowed nor everything denied.
    expect(allowedByServer).toBeGreaterThan(all.length * 0.1);
    expect(allowedByServer).toBeLessThan(all.length * 0.9);
  }, 300_000);
});
