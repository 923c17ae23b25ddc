import type { Subject } from './types';

/**
 * Names that are no component of the cluster, whatever their `system:` prefix: the groups the
 * API server gives every user or ServiceAccount, anonymous requests, and ServiceAccount user
 * names (the API server matches `system:serviceaccount:NS:NAME` to that ServiceAccount's
 * token, so a binding to one is a grant to an ordinary ServiceAccount). Bindings to them are
 * choices, never "the cluster's own".
 */
const AUDIENCE =
  /^system:(anonymous|authenticated|unauthenticated|serviceaccounts(:.*)?|serviceaccount:.*)$/;

/**
 * Whether a subject is one of the cluster's own: the ServiceAccounts of kube-system (the
 * controllers) and the `system:` users and groups of components, nodes and bootstrap
 * (system:kube-controller-manager, system:node:NAME, system:masters …). Anonymous, the groups
 * that every user or ServiceAccount carries, and ServiceAccount user names are not.
 */
export function isSystemSubject(s: Subject): boolean {
  if (s.kind === 'ServiceAccount') return s.namespace === 'kube-system';
  if (AUDIENCE.test(s.name)) return false;
  return s.name.startsWith('system:');
}
