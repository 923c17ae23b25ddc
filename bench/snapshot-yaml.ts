import { stringify } from 'yaml';
import type { RbacSnapshot, Subject } from '../lib/rbac/types';

/**
 * A snapshot back as the Kubernetes objects it was read from, for benchmarks that serve a
 * generated cluster from a dump. Only the fields the file source reads are written.
 */
export function snapshotToObjects(s: RbacSnapshot): Record<string, unknown>[] {
  const rbac = 'rbac.authorization.k8s.io/v1';
  const meta = (name: string, namespace?: string, labels?: Readonly<Record<string, string>>) => ({
    name,
    ...(namespace !== undefined && { namespace }),
    ...(labels && { labels }),
  });
  const subject = (x: Subject) =>
    x.kind === 'ServiceAccount'
      ? { kind: x.kind, name: x.name, ...(x.namespace !== undefined && { namespace: x.namespace }) }
      : { apiGroup: 'rbac.authorization.k8s.io', kind: x.kind, name: x.name };
  const roleRef = (r: { kind: string; name: string }) => ({
    apiGroup: 'rbac.authorization.k8s.io',
    kind: r.kind,
    name: r.name,
  });
  return [
    ...s.namespaces.map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(n.name) })),
    ...s.serviceAccounts.map((sa) => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: meta(sa.name, sa.namespace),
    })),
    ...s.clusterRoles.map((r) => ({
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: meta(r.name, undefined, r.labels),
      ...(r.aggregationRule && { aggregationRule: r.aggregationRule }),
      rules: r.rules,
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
      metadata: meta(b.name, undefined, b.labels),
      roleRef: roleRef(b.roleRef),
      subjects: b.subjects.map(subject),
    })),
    ...s.roleBindings.map((b) => ({
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: meta(b.name, b.namespace, b.labels),
      roleRef: roleRef(b.roleRef),
      subjects: b.subjects.map(subject),
    })),
    ...s.pods.map((p) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...meta(p.name, p.namespace),
        ...(p.owner && {
          ownerReferences: [{ apiVersion: 'apps/v1', kind: p.owner.kind, name: p.owner.name }],
        }),
      },
      spec: {
        serviceAccountName: p.serviceAccountName,
        containers: [{ name: 'app', image: 'registry.example.com/app:1' }],
      },
    })),
  ];
}

/** The snapshot as multi-document Kubernetes YAML. */
export function snapshotToYaml(s: RbacSnapshot): string {
  return snapshotToObjects(s)
    .map((o) => stringify(o, { aliasDuplicateObjects: false }))
    .join('---\n');
}
