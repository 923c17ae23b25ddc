import type { BindingRef, RoleRefTo } from './describe';
import { subjectKey } from './identity';
import type { AnyBinding, RbacSnapshot, Subject } from './types';

/**
 * The subject a binding's subject matches, as the API server's RBAC authorizer reads it
 * (`appliesToUser` in kubernetes pkg/registry/rbac/validation/rule.go): a ServiceAccount
 * subject without a namespace is in a RoleBinding's own namespace, and in a ClusterRoleBinding
 * matches no ServiceAccount at all (undefined). Any other subject is itself.
 */
export function matchedSubject(binding: AnyBinding, subject: Subject): Subject | undefined {
  if (subject.kind !== 'ServiceAccount' || subject.namespace) return subject;
  // The file source fills in a RoleBinding's namespace at the edge; a snapshot built another
  // way still reads as the API server reads it.
  const namespace = binding.kind === 'RoleBinding' ? binding.namespace : '';
  return namespace ? { ...subject, namespace } : undefined;
}

/** A binding that names a subject but grants it nothing, because it matches nobody. */
export interface UnmatchedBinding {
  binding: BindingRef;
  role: RoleRefTo;
  /** Why, as a clause that follows the binding's name on the subject's page. */
  reason: string;
}

const NO_NAMESPACE =
  'names this ServiceAccount without a namespace, so the API server matches it to no ServiceAccount';

/**
 * The bindings that name a subject (as `subjectKey` writes it) and yet match nobody: a
 * ClusterRoleBinding's ServiceAccount subject without a namespace. ClusterRoleBindings first,
 * each binding once. Empty for any subject that can match someone.
 */
export function unmatchedBindings(snapshot: RbacSnapshot, subject: Subject): UnmatchedBinding[] {
  // Only a ServiceAccount without a namespace can be named and match nobody.
  if (subject.kind !== 'ServiceAccount' || subject.namespace) return [];
  const key = subjectKey(subject);
  const out: UnmatchedBinding[] = [];
  for (const b of [...snapshot.clusterRoleBindings, ...snapshot.roleBindings]) {
    const names = b.subjects.some((s) => subjectKey(s) === key && !matchedSubject(b, s));
    if (!names) continue;
    out.push(
      b.kind === 'RoleBinding'
        ? {
            binding: { kind: b.kind, name: b.name, namespace: b.namespace },
            role:
              b.roleRef.kind === 'Role'
                ? { kind: 'Role', name: b.roleRef.name, namespace: b.namespace }
                : { kind: 'ClusterRole', name: b.roleRef.name },
            reason: NO_NAMESPACE,
          }
        : {
            binding: { kind: b.kind, name: b.name },
            role: { kind: b.roleRef.kind, name: b.roleRef.name },
            reason: NO_NAMESPACE,
          },
    );
  }
  return out;
}
