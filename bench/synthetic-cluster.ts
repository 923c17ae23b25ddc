import { COMMON_RESOURCES } from '../lib/rbac/resource-catalog';
import type {
  ClusterRole,
  ClusterRoleBinding,
  PolicyRule,
  RbacSnapshot,
  Role,
  RoleBinding,
  Subject,
} from '../lib/rbac/types';
import { emptySnapshot } from '../lib/rbac/types';

/**
 * A seeded, reproducible synthetic cluster for benchmarks. Sizes count objects:
 * S ≈ 1k, M ≈ 10k, L ≈ 50k (2,000 namespaces of ServiceAccounts, Roles, RoleBindings and Pods;
 * 1,000 ClusterRoles, a tenth of them aggregated; 500 ClusterRoleBindings; User, Group and
 * ServiceAccount subjects).
 */
export const SIZES = { S: 40, M: 400, L: 2000 } as const;
export type Size = keyof typeof SIZES;

/** mulberry32: small, fast, and the same numbers for the same seed everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERB_SETS = [
  ['get', 'list', 'watch'],
  ['get'],
  ['get', 'list'],
  ['create', 'update', 'patch', 'delete'],
  ['*'],
  ['list', 'watch'],
  ['create'],
];
const USERS = 500;
const TEAMS = 50;

export function generateCluster(size: Size, seed = 42): RbacSnapshot {
  const random = rng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const namespaces = SIZES[size];
  const s = emptySnapshot({
    kind: 'file',
    name: `synthetic-${size}`,
    fetchedAt: '2026-01-01T00:00:00Z',
  });

  const resourceRule = (): PolicyRule => {
    const res = pick(COMMON_RESOURCES);
    const roll = random();
    const resources =
      roll < 0.05
        ? ['*']
        : roll < 0.15 && res.subresources
          ? [`${res.resource}/${pick(res.subresources)}`]
          : [res.resource];
    const rule: PolicyRule = {
      verbs: [...pick(VERB_SETS)],
      apiGroups: [random() < 0.03 ? '*' : res.group],
      resources,
    };
    if (random() < 0.08) rule.resourceNames = [`obj-${int(20)}`];
    return rule;
  };
  const rules = (min: number, max: number) =>
    Array.from({ length: min + int(max - min + 1) }, resourceRule);

  const clusterRoleCount = namespaces / 2;
  const aggregateLabels = 20;
  for (let i = 0; i < clusterRoleCount; i++) {
    const role: ClusterRole = {
      kind: 'ClusterRole',
      name: `cluster-role-${i}`,
      rules: rules(2, 5),
    };
    if (i % 10 === 0) {
      role.aggregationRule = {
        clusterRoleSelectors: [
          { matchLabels: { [`bench.example.com/aggregate-to-${int(aggregateLabels)}`]: 'true' } },
        ],
      };
      role.rules = [];
    } else if (random() < 0.3) {
      role.labels = { [`bench.example.com/aggregate-to-${int(aggregateLabels)}`]: 'true' };
    }
    if (i % 97 === 0)
      role.rules.push({ verbs: ['get'], nonResourceURLs: ['/metrics', '/healthz/*'] });
    s.clusterRoles.push(role);
  }

  const user = () => `user-${int(USERS)}@example.com`;
  const team = () => `team-${int(TEAMS)}`;
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    s.namespaces.push({ name: ns });
    const sas = Array.from({ length: 6 }, (_, i) => `sa-${i}`);
    for (const name of sas) s.serviceAccounts.push({ namespace: ns, name });
    const roles: Role[] = Array.from({ length: 4 }, (_, i) => ({
      kind: 'Role',
      namespace: ns,
      name: `role-${i}`,
      rules: rules(1, 4),
    }));
    s.roles.push(...roles);
    for (let b = 0; b < 5; b++) {
      const roleRef =
        random() < 0.7
          ? { kind: 'Role' as const, name: pick(roles).name }
          : { kind: 'ClusterRole' as const, name: `cluster-role-${int(clusterRoleCount)}` };
      const subjects: Subject[] = Array.from({ length: 1 + int(3) }, () => {
        const roll = random();
        if (roll < 0.6) return { kind: 'ServiceAccount', namespace: ns, name: pick(sas) };
        if (roll < 0.7) return { kind: 'Group', name: `system:serviceaccounts:${ns}` };
        if (roll < 0.9) return { kind: 'User', name: user() };
        return { kind: 'Group', name: team() };
      });
      const binding: RoleBinding = {
        kind: 'RoleBinding',
        namespace: ns,
        name: `binding-${b}`,
        roleRef,
        subjects,
      };
      s.roleBindings.push(binding);
    }
    for (let p = 0; p < 8; p++) {
      s.pods.push({
        namespace: ns,
        name: `pod-${p}`,
        serviceAccountName: pick(sas),
        owner: { kind: 'ReplicaSet', name: `app-${p % 3}` },
      });
    }
  }

  for (let i = 0; i < namespaces / 4; i++) {
    const subjects: Subject[] = Array.from({ length: 1 + int(2) }, () => {
      const roll = random();
      if (roll < 0.4) return { kind: 'User', name: user() };
      if (roll < 0.7) return { kind: 'Group', name: team() };
      return { kind: 'ServiceAccount', namespace: `ns-${int(namespaces)}`, name: `sa-${int(6)}` };
    });
    const binding: ClusterRoleBinding = {
      kind: 'ClusterRoleBinding',
      name: `cluster-binding-${i}`,
      roleRef: { kind: 'ClusterRole', name: `cluster-role-${int(clusterRoleCount)}` },
      subjects,
    };
    s.clusterRoleBindings.push(binding);
  }
  return s;
}
