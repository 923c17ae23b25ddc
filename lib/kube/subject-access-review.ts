import 'server-only';
import type { Identity } from '../rbac/identity';
import { isResourceRequest, type RequestAttributes } from '../rbac/rule-matching';
import type { KubeClient } from './kube-client';

export interface ApiServerVerdict {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

/**
 * Asks the API server with a SubjectAccessReview carrying exactly the identity's user and
 * groups: the server's own final word, with no impersonation rights needed.
 */
export async function subjectAccessReview(
  client: KubeClient,
  identity: Identity,
  a: RequestAttributes,
  timeoutMs = 5000,
): Promise<ApiServerVerdict> {
  const spec: Record<string, unknown> = { user: identity.user, groups: identity.groups };
  if (isResourceRequest(a)) {
    spec.resourceAttributes = {
      verb: a.verb,
      namespace: a.namespace ?? '',
      group: a.apiGroup ?? '',
      resource: a.resource,
      subresource: a.subresource ?? '',
      name: a.name ?? '',
    };
  } else {
    spec.nonResourceAttributes = { verb: a.verb, path: a.nonResourceURL };
  }
  const review = await client.request<{ status?: ApiServerVerdict }>(
    '/apis/authorization.k8s.io/v1/subjectaccessreviews',
    {
      method: 'POST',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec },
      timeoutMs,
    },
  );
  return { allowed: false, ...review.status };
}
