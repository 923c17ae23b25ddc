import 'server-only';
import { KubeError } from '../kube/kube-client';
import { subjectAccessReview, type ApiServerVerdict } from '../kube/subject-access-review';
import type { Identity } from '../rbac/identity';
import type { RequestAttributes } from '../rbac/rule-matching';
import { getState } from './snapshot-store';

/** The API server's own answer to a question, from a SubjectAccessReview. */
export type RefereeVerdict = ApiServerVerdict;

/**
 * Asks the connected API server the same question with a SubjectAccessReview carrying the
 * identity's user and groups. Undefined when no cluster is connected; a failed review comes
 * back as an evaluationError rather than an exception.
 */
export async function askApiServer(
  identity: Identity,
  attributes: RequestAttributes,
): Promise<RefereeVerdict | undefined> {
  const { cluster } = await getState();
  if (!cluster) return undefined;
  try {
    return await subjectAccessReview(cluster.client, identity, attributes);
  } catch (err) {
    if (!(err instanceof KubeError)) throw err;
    return { allowed: false, evaluationError: `the API server could not be asked: ${err.message}` };
  }
}
