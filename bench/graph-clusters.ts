import type { RbacSnapshot, Subject } from '../lib/rbac/types';
import { generateCluster } from './synthetic-cluster';

/**
 * The first `namespaces` namespaces of the synthetic L cluster, with the ClusterRoleBindings
 * (one per four namespaces, as the generator makes them) whose ServiceAccounts live there:
 * a smaller cluster of the same shape, for views of a chosen size.
 */
export function slicedCluster(namespaces: number): RbacSnapshot {
  const full = generateCluster('L');
  const keep = new Set(Array.from({ length: namespaces }, (_, i) => `ns-${i}`));
  const inside = (s: Subject) => s.kind !== 'ServiceAccount' || keep.has(s.namespace ?? '');
  return {
    ...full,
    source: { ...full.source, name: `synthetic-L-${namespaces}-namespaces` },
    namespaces: full.namespaces.filter((n) => keep.has(n.name)),
    serviceAccounts: full.serviceAccounts.filter((x) => keep.has(x.namespace)),
    roles: full.roles.filter((x) => keep.has(x.namespace)),
    roleBindings: full.roleBindings.filter((x) => keep.has(x.namespace)),
    pods: full.pods.filter((x) => keep.has(x.namespace)),
    clusterRoleBindings: full.clusterRoleBindings
      .slice(0, Math.ceil(namespaces / 4))
      .map((b) => ({ ...b, subjects: b.subjects.filter(inside) }))
      .filter((b) => b.subjects.length > 0),
  };
}

/** A snapshot as Kubernetes objects (a `kind: List`), the way the file source reads dumps. */
export function toKubernetesList(s: RbacSnapshot): Record<string, unknown> {
  const meta = (name: string, namespace?: string, labels?: Record<string, string>) => ({
    name,
    ...(namespace ? { namespace } : {}),
    ...(labels ? { labels } : {}),
  });
  const rbac = 'rbac.authorization.k8s.io/v1';
  const items: Record<string, unknown>[] = [
    ...s.namespaces.map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(n.name) })),
    ...s.serviceAccounts.map((x) => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: meta(x.name, x.namespace),
    })),
    ...s.clusterRoles.map((r) => ({
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: meta(r.name, undefined, r.labels),
      rules: r.rules,
      ...(r.aggregationRule ? { aggregationRule: r.aggregationRule } : {}),
    })),
    ...s.roles.map((r) => ({
      apiVersion: rbac,
      kind: 'Role',
      metadata: meta(r.name, r.namespace, r.labels),
      rules: r.rules,
    })),
    ...s.clusterRoleBindings.map((b) => ({
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: meta(b.name),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...b.roleRef },
      subjects: b.subjects,
    })),
    ...s.roleBindings.map((b) => ({
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: meta(b.name, b.namespace),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...b.roleRef },
      subjects: b.subjects,
    })),
    ...s.pods.map((p) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(p.name, p.namespace),
      spec: {
        serviceAccountName: p.serviceAccountName,
        containers: [{ name: 'app', image: 'app' }],
      },
    })),
  ];
  return { apiVersion: 'v1', kind: 'List', items };
}
