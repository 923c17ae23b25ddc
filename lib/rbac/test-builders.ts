import type {
  ClusterRole,
  ClusterRoleBinding,
  LabelSelector,
  PolicyRule,
  RbacSnapshot,
  Role,
  RoleBinding,
  Subject,
} from './types';
import { emptySnapshot } from './types';

/** Terse builders for table-driven tests. Lists are comma-separated; `''` is the core group. */

const csv = (s: string) => s.split(',').map((x) => x.trim());

/** `rule('get,list', '', 'pods')`, `rule('get', '', 'configmaps', 'app-config')`. */
export function rule(
  verbs: string,
  apiGroups: string,
  resources: string,
  resourceNames?: string,
): PolicyRule {
  const r: PolicyRule = { verbs: csv(verbs), apiGroups: csv(apiGroups), resources: csv(resources) };
  if (resourceNames) r.resourceNames = csv(resourceNames);
  return r;
}

/** `urlRule('get', '/healthz,/metrics/*')`. */
export function urlRule(verbs: string, urls: string): PolicyRule {
  return { verbs: csv(verbs), nonResourceURLs: csv(urls) };
}

/** `role('default', 'pod-reader', rule(…))`. */
export function role(namespace: string, name: string, ...rules: PolicyRule[]): Role {
  return { kind: 'Role', namespace, name, rules };
}

/** `clusterRole('view', rule(…))`; labels and aggregation through `aggregated` / `labelled`. */
export function clusterRole(name: string, ...rules: PolicyRule[]): ClusterRole {
  return { kind: 'ClusterRole', name, rules };
}

export function labelled(role: ClusterRole, labels: Record<string, string>): ClusterRole {
  return { ...role, labels };
}

export function aggregated(
  name: string,
  selectors: LabelSelector[],
  rules: PolicyRule[] = [],
): ClusterRole {
  return { kind: 'ClusterRole', name, rules, aggregationRule: { clusterRoleSelectors: selectors } };
}

/** `'ServiceAccount:default:myapp1'`, `'User:alice'`, `'Group:devs'`; `'ServiceAccount::x'` has no namespace. */
export function subject(spec: string): Subject {
  const [kind, ...rest] = spec.split(':');
  if (kind === 'ServiceAccount') {
    const [namespace, name] = rest as [string, string];
    return namespace ? { kind, namespace, name } : { kind, name };
  }
  if (kind === 'User' || kind === 'Group') return { kind, name: rest.join(':') };
  throw new Error(`bad subject ${spec}`);
}

function refOf(ref: string) {
  const [kind, name] = ref.split(':') as [string, string];
  if (kind !== 'Role' && kind !== 'ClusterRole') throw new Error(`bad roleRef ${ref}`);
  return { kind, name } as const;
}

let seq = 0;

/** `binding('default', 'Role:pod-reader', 'ServiceAccount:default:myapp1')`: a RoleBinding. */
export function binding(namespace: string, roleRef: string, ...subjects: string[]): RoleBinding {
  return {
    kind: 'RoleBinding',
    namespace,
    name: `rb-${++seq}`,
    roleRef: refOf(roleRef),
    subjects: subjects.map(subject),
  };
}

/** `clusterBinding('ClusterRole:view', 'Group:devs')`: a ClusterRoleBinding. */
export function clusterBinding(roleRef: string, ...subjects: string[]): ClusterRoleBinding {
  return {
    kind: 'ClusterRoleBinding',
    name: `crb-${++seq}`,
    roleRef: refOf(roleRef),
    subjects: subjects.map(subject),
  };
}

export function named<T extends { name: string }>(name: string, obj: T): T {
  return { ...obj, name };
}

/** A snapshot of the given objects, sorted into their lists. */
export function snapshot(
  ...objects: (Role | ClusterRole | RoleBinding | ClusterRoleBinding)[]
): RbacSnapshot {
  const s = emptySnapshot({ kind: 'file', name: 'test', fetchedAt: '2026-01-01T00:00:00Z' });
  for (const o of objects) {
    if (o.kind === 'Role') s.roles.push(o);
    else if (o.kind === 'ClusterRole') s.clusterRoles.push(o);
    else if (o.kind === 'RoleBinding') s.roleBindings.push(o);
    else s.clusterRoleBindings.push(o);
  }
  return s;
}
