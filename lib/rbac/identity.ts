import { isNamespaceName, isSubdomainName } from './object-names';
import type { Subject } from './types';

/** Who is asking: a user name and exactly the groups the request carries. */
export interface Identity {
  user: string;
  groups: string[];
}

export const SA_PREFIX = 'system:serviceaccount:';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
export const MASTERS = 'system:masters';

export function serviceAccountUser(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** Splits `system:serviceaccount:NS:NAME`; undefined for any other user name. */
export function parseServiceAccountUser(
  user: string,
): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const parts = user.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  // As the API server splits it: a namespace name and a ServiceAccount name, or no ServiceAccount.
  const [namespace, name] = parts;
  if (!isNamespaceName(namespace) || !isSubdomainName(name)) return undefined;
  return { namespace, name };
}

/** The groups every ServiceAccount token authenticates with. */
export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, AUTHENTICATED];
}

export function serviceAccountIdentity(namespace: string, name: string): Identity {
  return { user: serviceAccountUser(namespace, name), groups: serviceAccountGroups(namespace) };
}

/**
 * The identity the API server gives an impersonated user (`kubectl --as USER [--as-group G]`):
 * a ServiceAccount user without explicit groups gets its ServiceAccount groups, and every
 * user but system:anonymous gets system:authenticated unless a group says otherwise.
 */
export function impersonatedIdentity(user: string, groups: string[] = []): Identity {
  const out = [...groups];
  const sa = parseServiceAccountUser(user);
  if (groups.length === 0 && sa) {
    out.push('system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`);
  }
  if (user !== ANONYMOUS && !out.includes(AUTHENTICATED) && !out.includes(UNAUTHENTICATED)) {
    out.push(AUTHENTICATED);
  }
  return { user, groups: out };
}

/**
 * The identity of a binding subject when a question is asked about it. A ServiceAccount
 * without a namespace is nobody (no user, no groups): no request carries it.
 */
export function identityOf(subject: Subject): Identity {
  switch (subject.kind) {
    case 'ServiceAccount':
      return subject.namespace
        ? serviceAccountIdentity(subject.namespace, subject.name)
        : { user: '', groups: [] };
    case 'Group':
      return { user: '', groups: [subject.name] };
    case 'User':
      return impersonatedIdentity(subject.name);
  }
}

/** A stable key for a subject: `ServiceAccount:ns:name`, `User:name`, `Group:name`. */
export function subjectKey(subject: Subject): string {
  return subject.kind === 'ServiceAccount'
    ? `ServiceAccount:${subject.namespace ?? ''}:${subject.name}`
    : `${subject.kind}:${subject.name}`;
}

/** Parses a subject key back (the inverse of subjectKey). */
export function parseSubjectKey(key: string): Subject | undefined {
  const [kind, ...rest] = key.split(':');
  // A ClusterRoleBinding may name a ServiceAccount without its namespace (it grants nothing,
  // and is listed so): `ServiceAccount::NAME`.
  if (kind === 'ServiceAccount' && rest.length === 2 && rest[1]) {
    return rest[0] ? { kind, namespace: rest[0], name: rest[1] } : { kind, name: rest[1] };
  }
  if ((kind === 'User' || kind === 'Group') && rest.length > 0 && rest.join(':')) {
    return { kind, name: rest.join(':') };
  }
  return undefined;
}
