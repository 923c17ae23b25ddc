import type { Authorizer, GrantPath, WhoCanResult } from './authorizer';
import { AUTHENTICATED, subjectKey } from './identity';
import type { RequestAttributes } from './rule-matching';
import { serviceAccountsIn, sortedServiceAccounts } from './snapshot-index';
import type { RbacSnapshot, Subject, SubjectKind } from './types';

/** How many covered ServiceAccounts a group lists by name; the count is always exact. */
export const COVERED_LIMIT = 100;

export interface WhoCanEntry {
  kind: SubjectKind;
  name: string;
  namespace?: string;
  /** `ServiceAccount:ns:name`, `User:name`, `Group:name`. */
  key: string;
  paths: GrantPath[];
  /** Whether a ClusterRoleBinding grants it (everywhere), rather than only a RoleBinding. */
  clusterWide: boolean;
  /** Groups: the ServiceAccounts of the snapshot that carry the group (at most COVERED_LIMIT). */
  coveredServiceAccounts?: { namespace: string; name: string }[];
  /** Groups: how many ServiceAccounts carry the group. */
  coveredServiceAccountCount?: number;
  /** Groups every authenticated request carries: they cover every user too. */
  coversEveryone?: boolean;
}

export interface WhoCanGroups {
  serviceAccounts: WhoCanEntry[];
  users: WhoCanEntry[];
  groups: WhoCanEntry[];
}

/**
 * The ServiceAccounts of a snapshot that carry a group, sorted by namespace and name:
 * `system:serviceaccounts:NS` covers those of NS; `system:serviceaccounts` and
 * `system:authenticated` cover all of them.
 */
export function serviceAccountsCarrying(
  snapshot: RbacSnapshot,
  group: string,
): { namespace: string; name: string }[] {
  if (group === 'system:serviceaccounts' || group === AUTHENTICATED) {
    return sortedServiceAccounts(snapshot);
  }
  const prefix = 'system:serviceaccounts:';
  if (!group.startsWith(prefix)) return [];
  return serviceAccountsIn(snapshot, group.slice(prefix.length));
}

const byName = (a: WhoCanEntry, b: WhoCanEntry) =>
  (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name);

/** A who-can answer by kind, sorted by namespace and name, groups with the ServiceAccounts they cover. */
export function groupWhoCan(snapshot: RbacSnapshot, result: WhoCanResult): WhoCanGroups {
  const out: WhoCanGroups = { serviceAccounts: [], users: [], groups: [] };
  for (const { subject, paths } of result.subjects) {
    const entry = entryOf(subject, paths);
    if (subject.kind === 'Group') {
      const covered = serviceAccountsCarrying(snapshot, subject.name);
      entry.coveredServiceAccountCount = covered.length;
      entry.coveredServiceAccounts = covered
        .slice(0, COVERED_LIMIT)
        .map(({ namespace, name }) => ({ namespace, name }));
      if (subject.name === AUTHENTICATED) entry.coversEveryone = true;
      out.groups.push(entry);
    } else if (subject.kind === 'User') {
      out.users.push(entry);
    } else {
      out.serviceAccounts.push(entry);
    }
  }
  out.serviceAccounts.sort(byName);
  out.users.sort(byName);
  out.groups.sort(byName);
  return out;
}

function entryOf(subject: Subject, paths: GrantPath[]): WhoCanEntry {
  const entry: WhoCanEntry = {
    kind: subject.kind,
    name: subject.name,
    key: subjectKey(subject),
    paths,
    clusterWide: paths.some((p) => p.binding.kind === 'ClusterRoleBinding'),
  };
  if (subject.namespace !== undefined) entry.namespace = subject.namespace;
  return entry;
}

/** The answer of GET /api/who-can: every subject allowed (ServiceAccounts, Users, Groups), with its paths. */
export interface WhoCanAnswer {
  request: RequestAttributes;
  subjects: WhoCanEntry[];
  /** Groups the API server allows everything before RBAC is asked. */
  bypassGroups: string[];
}

export function whoCanAnswer(authz: Authorizer, request: RequestAttributes): WhoCanAnswer {
  const result = authz.whoCan(request);
  const g = groupWhoCan(authz.snapshot, result);
  return {
    request,
    subjects: [...g.serviceAccounts, ...g.users, ...g.groups],
    bypassGroups: result.bypassGroups,
  };
}
