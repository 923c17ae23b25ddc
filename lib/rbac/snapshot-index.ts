import { listSubjects, type SubjectSummary } from './subjects';
import type { Pod, RbacSnapshot, ServiceAccount } from './types';

/**
 * Look-ups over one snapshot that pages and routes repeat on every request, built on first
 * use and kept as long as the snapshot is: ServiceAccounts and Pods by namespace, and the
 * sorted subject list.
 */
interface SnapshotIndex {
  /** Every ServiceAccount, sorted by namespace and name. */
  allServiceAccounts: ServiceAccount[];
  /** By namespace, each list sorted by name. */
  serviceAccounts: Map<string, ServiceAccount[]>;
  podsByServiceAccount: Map<string, Pod[]>;
  subjects: SubjectSummary[];
  subjectByKey: Map<string, SubjectSummary>;
  namespaces: string[];
}

const cache = new WeakMap<RbacSnapshot, SnapshotIndex>();

function indexOf(snapshot: RbacSnapshot): SnapshotIndex {
  let index = cache.get(snapshot);
  if (index) return index;
  const allServiceAccounts = [...snapshot.serviceAccounts].sort(
    (a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
  );
  const serviceAccounts = new Map<string, ServiceAccount[]>();
  for (const sa of allServiceAccounts) push(serviceAccounts, sa.namespace, sa);
  const podsByServiceAccount = new Map<string, Pod[]>();
  for (const pod of snapshot.pods) {
    push(podsByServiceAccount, `${pod.namespace}/${pod.serviceAccountName}`, pod);
  }
  const namespaces = new Set(snapshot.namespaces.map((n) => n.name));
  for (const ns of serviceAccounts.keys()) namespaces.add(ns);
  const subjects = listSubjects(snapshot);
  index = {
    allServiceAccounts,
    serviceAccounts,
    podsByServiceAccount,
    subjects,
    subjectByKey: new Map(subjects.map((s) => [s.key, s])),
    namespaces: [...namespaces].sort(),
  };
  cache.set(snapshot, index);
  return index;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every ServiceAccount, sorted by namespace and name. */
export function sortedServiceAccounts(snapshot: RbacSnapshot): ServiceAccount[] {
  return indexOf(snapshot).allServiceAccounts;
}

/** The ServiceAccounts of one namespace, sorted by name. */
export function serviceAccountsIn(snapshot: RbacSnapshot, namespace: string): ServiceAccount[] {
  return indexOf(snapshot).serviceAccounts.get(namespace) ?? [];
}

export function serviceAccountExists(
  snapshot: RbacSnapshot,
  namespace: string,
  name: string,
): boolean {
  return serviceAccountsIn(snapshot, namespace).some((sa) => sa.name === name);
}

/** The Pods that run as a ServiceAccount. */
export function podsRunningAs(snapshot: RbacSnapshot, namespace: string, name: string): Pod[] {
  return indexOf(snapshot).podsByServiceAccount.get(`${namespace}/${name}`) ?? [];
}

/** Every subject of the snapshot, as listSubjects sorts them. */
export function subjectsOf(snapshot: RbacSnapshot): SubjectSummary[] {
  return indexOf(snapshot).subjects;
}

/** The subject with this key (as subjectKey writes it), if the snapshot mentions it. */
export function findSubject(snapshot: RbacSnapshot, key: string): SubjectSummary | undefined {
  return indexOf(snapshot).subjectByKey.get(key);
}

/** Every namespace named by a Namespace object or holding a ServiceAccount, sorted. */
export function namespacesOf(snapshot: RbacSnapshot): string[] {
  return indexOf(snapshot).namespaces;
}
