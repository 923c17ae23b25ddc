import type { Subject } from './types';

/** Groups the API server gives users and ServiceAccounts: bindings to them widen real access. */
const AUDIENCE_GROUPS = /^system:(authenticated|unauthenticated|serviceaccounts(:.*)?)$/;

/**
 * Whether a subject is one of the cluster's own: the ServiceAccounts of kube-system (the
 * controllers) and the `system:` users and groups of components, nodes and bootstrap. The
 * groups that every user or ServiceAccount carries are not: bindings to them are choices.
 */
export function isSystemSubject(s: Subject): boolean {
  if (s.kind === 'ServiceAccount') return s.namespace === 'kube-system';
  if (s.kind === 'Group' && AUDIENCE_GROUPS.test(s.name)) return false;
  return s.name.startsWith('system:');
}
