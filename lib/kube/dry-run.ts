import 'server-only';
import { apiPathOf, PLURAL, type ManifestObject } from '../manifests/build-objects';
import { KubeError, type KubeClient } from './kube-client';

/** The API server's verdict on creating one object, without creating it. */
export interface DryRunResult {
  kind: ManifestObject['kind'];
  name: string;
  namespace?: string;
  /** The server accepts the object (or has one of that name, which passed validation first). */
  ok: boolean;
  /** Set when an object of that name exists: `kubectl apply` would update it. */
  exists?: boolean;
  /**
   * Set when the server refused the dashboard itself (its credentials may not create this kind,
   * or may not grant what an RBAC object grants): the object was not judged at all.
   */
  unchecked?: true;
  /** The server's words, or ours for an acceptance. */
  message: string;
  /** HTTP status of the answer. */
  status: number;
}

const DRY_RUN_TIMEOUT_MS = 10_000;

/**
 * Asks the API server to create each object with `dryRun=All`: it runs defaulting, validation
 * and admission, and stores nothing. Objects are sent one at a time, in order; a dry run never
 * creates anything, so later objects cannot see earlier ones (a Pod's new ServiceAccount, say).
 * When the server cannot be reached or does not answer (a KubeError of status 0), the first
 * such error is thrown: it says nothing about the objects, and the next ones would only wait
 * for the same timeout.
 */
export async function dryRunObjects(
  client: KubeClient,
  objects: ManifestObject[],
): Promise<DryRunResult[]> {
  const results: DryRunResult[] = [];
  for (const object of objects) {
    const where =
      'namespace' in object.metadata
        ? { name: object.metadata.name, namespace: object.metadata.namespace }
        : { name: object.metadata.name };
    const base = { kind: object.kind, ...where };
    try {
      await client.request(`${apiPathOf(object)}?dryRun=All&fieldManager=rbac-explorer`, {
        method: 'POST',
        body: object,
        timeoutMs: DRY_RUN_TIMEOUT_MS,
      });
      results.push({
        ...base,
        ok: true,
        status: 201,
        message: 'Accepted (dry run): valid and allowed.',
      });
    } catch (err) {
      if (!(err instanceof KubeError) || err.status === 0) throw err;
      // The server validates and admits an object before it looks for a name clash.
      if (err.status === 409 && /already exists/.test(err.message)) {
        results.push({
          ...base,
          ok: true,
          exists: true,
          status: 409,
          message: `Valid, and it already exists (${err.message}): kubectl apply would update it.`,
        });
      } else if (err.status === 403 && deniesDashboard(err.message)) {
        results.push({
          ...base,
          ok: false,
          unchecked: true,
          status: 403,
          message: notChecked(err, object),
        });
      } else {
        results.push({
          ...base,
          ok: false,
          status: err.status,
          message: explain(err, object, objects),
        });
      }
    }
  }
  return results;
}

/**
 * Whether a 403 is RBAC refusing the dashboard's own request (`User "…" cannot create
 * resource …`), or RBAC's escalation check refusing to let it grant what it does not hold,
 * rather than admission refusing the object.
 */
function deniesDashboard(message: string): boolean {
  return (
    /cannot create resource "/.test(message) ||
    /is attempting to grant RBAC permissions not currently held/.test(message)
  );
}

function notChecked(err: KubeError, object: ManifestObject): string {
  const rbac = object.apiVersion !== 'v1';
  const where = 'namespace' in object.metadata ? ` in ${object.metadata.namespace}` : '';
  if (/is attempting to grant RBAC permissions not currently held/.test(err.message)) {
    return `Not checked: the dashboard's credentials may not create this ${object.kind}, because they do not hold every permission it grants (${err.message}). A server-side dry run needs create rights, and bind or escalate for RBAC objects.`;
  }
  return `Not checked: the dashboard's credentials may not create ${PLURAL[object.kind]}${where} (${err.message}). A server-side dry run needs create rights${rbac ? ', and bind or escalate for RBAC objects' : ` on ${PLURAL[object.kind]}`}.`;
}

function explain(err: KubeError, object: ManifestObject, all: ManifestObject[]): string {
  // The ServiceAccount admission plugin: `error looking up service account NS/NAME: … not found`.
  if (
    object.kind === 'Pod' &&
    err.status === 403 &&
    /error looking up service account/i.test(err.message)
  ) {
    const sa = object.spec.serviceAccountName;
    const inDraft = all.some(
      (o) =>
        o.kind === 'ServiceAccount' &&
        o.metadata.name === sa &&
        o.metadata.namespace === object.metadata.namespace,
    );
    if (inDraft) {
      return `${err.message} — a dry run creates nothing, so the draft's ServiceAccount ${sa} does not exist yet; the Pod passes once it does.`;
    }
  }
  if (err.status === 403) return `Forbidden: ${err.message}`;
  return err.message;
}
