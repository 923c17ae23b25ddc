import { matchedSubject } from './binding-subject';
import { subjectKey } from './identity';
import type { RbacSnapshot, Subject } from './types';

/** A subject seen in the snapshot: as a ServiceAccount object, a binding subject, or both. */
export interface SubjectSummary {
  subject: Subject;
  key: string;
  /** How many bindings name it. */
  bindings: number;
  /** ServiceAccounts: whether the ServiceAccount object exists. */
  exists?: boolean;
  /** ServiceAccounts: how many Pods run as it. */
  pods?: number;
}

const kindOrder = { ServiceAccount: 0, User: 1, Group: 2 } as const;

/** Every ServiceAccount, User and Group of a snapshot with its binding count, sorted by kind and name. */
export function listSubjects(snapshot: RbacSnapshot): SubjectSummary[] {
  const byKey = new Map<string, SubjectSummary>();
  const get = (subject: Subject): SubjectSummary => {
    const key = subjectKey(subject);
    let s = byKey.get(key);
    if (!s) {
      s = { subject, key, bindings: 0 };
      if (subject.kind === 'ServiceAccount') Object.assign(s, { exists: false, pods: 0 });
      byKey.set(key, s);
    }
    return s;
  };
  for (const sa of snapshot.serviceAccounts) {
    get({ kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name }).exists = true;
  }
  for (const binding of [...snapshot.clusterRoleBindings, ...snapshot.roleBindings]) {
    const counted = new Set<string>();
    for (const subject of binding.subjects) {
      // Keyed as the API server reads it; a ServiceAccount that matches nobody keeps its own key.
      const s = get(matchedSubject(binding, subject) ?? subject);
      if (counted.has(s.key)) continue;
      counted.add(s.key);
      s.bindings++;
    }
  }
  for (const pod of snapshot.pods) {
    const s = get({
      kind: 'ServiceAccount',
      namespace: pod.namespace,
      name: pod.serviceAccountName,
    });
    s.pods = (s.pods ?? 0) + 1;
  }
  return [...byKey.values()].sort(
    (a, b) =>
      kindOrder[a.subject.kind] - kindOrder[b.subject.kind] ||
      (a.subject.namespace ?? '').localeCompare(b.subject.namespace ?? '') ||
      a.subject.name.localeCompare(b.subject.name),
  );
}

/** Object counts of a snapshot, for the Overview. */
export function countObjects(s: RbacSnapshot) {
  return {
    namespaces: s.namespaces.length,
    serviceAccounts: s.serviceAccounts.length,
    roles: s.roles.length,
    clusterRoles: s.clusterRoles.length,
    roleBindings: s.roleBindings.length,
    clusterRoleBindings: s.clusterRoleBindings.length,
    pods: s.pods.length,
  };
}

/** How many objects a snapshot holds, of every kind. */
export function totalObjects(s: RbacSnapshot): number {
  return Object.values(countObjects(s)).reduce((a, b) => a + b, 0);
}
