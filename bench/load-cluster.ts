import 'server-only';
import type { KubeClient } from '../lib/kube/kube-client';
import { Authorizer } from '../lib/rbac/authorizer';
import type { RbacSnapshot } from '../lib/rbac/types';
import { ClusterSource } from '../lib/sources/cluster-source';
import { snapshotToObjects } from './snapshot-yaml';

type Obj = Record<string, unknown>;

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const COLLECTIONS: Record<string, string> = {
  Namespace: 'namespaces',
  ServiceAccount: 'serviceaccounts',
  Pod: 'pods',
  ClusterRole: 'clusterroles',
  Role: 'roles',
  ClusterRoleBinding: 'clusterrolebindings',
  RoleBinding: 'rolebindings',
};

/** Where an object is created: its collection, under its namespace if it has one. */
export function collectionPath(o: Obj): string {
  const kind = String(o.kind);
  const plural = COLLECTIONS[kind];
  if (!plural) throw new Error(`no collection for kind ${kind}`);
  const prefix = String(o.apiVersion) === 'v1' ? '/api/v1' : RBAC;
  const ns = (o.metadata as { namespace?: string }).namespace;
  return ns ? `${prefix}/namespaces/${ns}/${plural}` : `${prefix}/${plural}`;
}

/** The API server wants a uid in every owner reference; the owners need not exist. */
function withOwnerUids(o: Obj): Obj {
  const meta = o.metadata as { ownerReferences?: Obj[] };
  if (!meta.ownerReferences) return o;
  const ownerReferences = meta.ownerReferences.map((r, i) => ({
    ...r,
    uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  }));
  return { ...o, metadata: { ...meta, ownerReferences } };
}

/**
 * Creates a synthetic cluster's objects in a real API server, as the cluster admin: namespaces
 * first, then what lives in them, bindings, and Pods last (admission looks up their
 * ServiceAccounts). Requests run `concurrency` at a time. Returns the number created.
 */
export async function loadIntoCluster(
  admin: KubeClient,
  snapshot: RbacSnapshot,
  concurrency = 24,
): Promise<number> {
  const objects = snapshotToObjects(snapshot).map(withOwnerUids);
  const phase = (o: Obj) =>
    ({ Namespace: 0, ServiceAccount: 1, ClusterRole: 1, Role: 1, Pod: 3 })[String(o.kind)] ?? 2;
  let created = 0;
  for (let p = 0; p <= 3; p++) {
    const batch = objects.filter((o) => phase(o) === p);
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const o = batch[next++]!;
        await admin.request(collectionPath(o), { method: 'POST', body: o, timeoutMs: 60_000 });
        created++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  return created;
}

/**
 * Waits until the aggregation controller has filled in every aggregated ClusterRole: the
 * engine, reading the cluster, reports no aggregated role whose stored rules differ from its
 * selection. Without this the API server would answer from half-reconciled roles.
 */
export async function waitForAggregation(admin: KubeClient, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const source = new ClusterSource(admin, 'bench');
    await source.load();
    const stale = new Authorizer(source.snapshot()).warnings.filter((w) =>
      w.includes('aggregated'),
    );
    if (stale.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`aggregation did not settle: ${stale.slice(0, 3).join('; ')}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
