import type { ResolvedRule } from './aggregation';
import type { Authorizer } from './authorizer';
import { unmatchedBindings, type UnmatchedBinding } from './binding-subject';
import type { BindingRef, RoleRefTo } from './describe';
import { identityOf, parseSubjectKey, subjectKey, type Identity } from './identity';
import { QuestionError } from './parse-type';
import { permissionsMatrix, type PermissionsMatrix } from './permissions-matrix';
import { findSubject, podsRunningAs } from './snapshot-index';
import type { Pod, Subject } from './types';
import { COVERED_LIMIT, serviceAccountsCarrying } from './who-can-groups';

/** A subject key that parses but names no subject of the data. */
export class UnknownSubjectError extends Error {}

export interface SubjectBinding {
  binding: BindingRef;
  role: RoleRefTo;
  /** '' for ClusterRoleBindings (everywhere). */
  namespace: string;
  /** The binding's subject that applies: the subject itself, or a group it carries. */
  via: Subject;
  /** Whether the role exists (a binding to a missing role grants nothing). */
  roleExists: boolean;
}

export interface SubjectRole {
  role: RoleRefTo;
  exists: boolean;
  rules: ResolvedRule[];
  /** The bindings through which the subject holds it. */
  bindings: BindingRef[];
}

export interface SubjectDetail {
  subject: Subject;
  key: string;
  /** The user and groups its requests carry. */
  identity: Identity;
  /** ServiceAccounts: whether the ServiceAccount object exists. */
  exists?: boolean;
  /** Bindings that name it directly. */
  directBindings: number;
  /** Those that name it first, then those that name a group it carries. */
  bindings: SubjectBinding[];
  /**
   * Bindings that name it but grant it nothing, as the API server matches the subject they
   * name to nobody (a ClusterRoleBinding's ServiceAccount without a namespace), each with why.
   */
  unmatchedBindings: UnmatchedBinding[];
  roles: SubjectRole[];
  /** ServiceAccounts: the Pods that run as it. */
  pods?: Pod[];
  /** Groups: the ServiceAccounts of the data that carry it (at most COVERED_LIMIT) and how many. */
  carriedBy?: { count: number; serviceAccounts: { namespace: string; name: string }[] };
  /** `kubectl auth can-i --list`, per namespace and cluster-wide, with the reasons. */
  permissions: PermissionsMatrix;
}

/** Parses a subject key (`ServiceAccount:default:myapp1`, `User:alice`, `Group:sre`). */
export function parseKeyOrThrow(key: string): Subject {
  const subject = parseSubjectKey(key);
  if (!subject) {
    throw new QuestionError(
      `"${key}" is not a subject key: use ServiceAccount:NAMESPACE:NAME, User:NAME or Group:NAME`,
    );
  }
  return subject;
}

/**
 * Everything about one subject: the bindings that apply to it (directly or through its
 * groups), their roles and rules, its Pods, and its effective permissions. Throws
 * UnknownSubjectError for a subject the data never mentions.
 */
export function describeSubjectDetail(authz: Authorizer, key: string): SubjectDetail {
  const subject = parseKeyOrThrow(key);
  const canonical = subjectKey(subject);
  const summary = findSubject(authz.snapshot, canonical);
  if (!summary) {
    throw new UnknownSubjectError(`There is no ${describeKind(subject)} in this data.`);
  }
  const identity = identityOf(subject);
  // The bindings that name the subject come first, then those of its groups; each part keeps
  // the API server's order (ClusterRoleBindings first). The sort is stable.
  const entries = [...authz.entriesFor(identity)].sort(
    (a, b) =>
      Number(subjectKey(a.subject) !== canonical) - Number(subjectKey(b.subject) !== canonical),
  );
  const bindings: SubjectBinding[] = entries.map((e) => ({
    binding: e.bindingRef,
    role: e.role,
    namespace: e.namespace,
    via: e.subject,
    roleExists: e.rules !== undefined,
  }));
  const roles = new Map<string, SubjectRole>();
  for (const e of entries) {
    const id = `${e.role.kind}/${e.role.namespace ?? ''}/${e.role.name}`;
    let r = roles.get(id);
    if (!r) {
      r = { role: e.role, exists: e.rules !== undefined, rules: e.rules ?? [], bindings: [] };
      roles.set(id, r);
    }
    r.bindings.push(e.bindingRef);
  }
  const namespaces = new Set(authz.namespacesWithGrants(identity));
  if (subject.kind === 'ServiceAccount' && subject.namespace) namespaces.add(subject.namespace);
  const detail: SubjectDetail = {
    subject,
    key: canonical,
    identity,
    directBindings: summary.bindings,
    bindings,
    unmatchedBindings: unmatchedBindings(authz.snapshot, subject),
    roles: [...roles.values()],
    permissions: permissionsMatrix(authz, identity, [...namespaces].sort()),
  };
  if (subject.kind === 'ServiceAccount') {
    detail.exists = summary.exists ?? false;
    detail.pods = podsRunningAs(authz.snapshot, subject.namespace ?? '', subject.name);
  }
  if (subject.kind === 'Group') {
    const carriers = serviceAccountsCarrying(authz.snapshot, subject.name);
    detail.carriedBy = {
      count: carriers.length,
      serviceAccounts: [...carriers]
        .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name))
        .slice(0, COVERED_LIMIT)
        .map(({ namespace, name }) => ({ namespace, name })),
    };
  }
  return detail;
}

function describeKind(s: Subject): string {
  if (s.kind !== 'ServiceAccount') return `${s.kind} ${s.name}`;
  return s.namespace
    ? `ServiceAccount ${s.namespace}/${s.name}`
    : `ServiceAccount ${s.name} without a namespace`;
}
