import 'server-only';
import type { Identity } from '../rbac/identity';
import type { RequestAttributes } from '../rbac/rule-matching';

/** The API server's own answer to a question, from a SubjectAccessReview. */
export interface RefereeVerdict {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

/**
 * Asks the connected API server the same question with a SubjectAccessReview carrying the
 * identity's user and groups. Undefined when no cluster is connected.
 */
export async function askApiServer(
  _identity: Identity,
  _attributes: RequestAttributes,
): Promise<RefereeVerdict | undefined> {
  return undefined;
}
