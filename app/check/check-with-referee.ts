import 'server-only';
import type { Authorizer } from '@/lib/rbac/authorizer';
import { answerCheck, type CheckAnswer } from '@/lib/rbac/check-answer';
import type { CheckQuestion } from '@/lib/rbac/question-params';
import { askApiServer, type RefereeVerdict } from '@/lib/server/referee';

export interface CheckResult extends CheckAnswer {
  /** The connected API server's own verdict (a SubjectAccessReview); absent when not connected. */
  apiServer?: RefereeVerdict;
}

/**
 * The answer of the Check page and GET /api/check: our decision with its reasons, and, when a
 * cluster is connected, the API server's verdict beside it. A referee that cannot be asked
 * is a warning, not a failure: our answer stands on its own.
 */
export async function checkWithReferee(
  authz: Authorizer,
  question: CheckQuestion,
  options: { askApiServer: boolean } = { askApiServer: true },
): Promise<CheckResult> {
  const answer: CheckResult = answerCheck(authz, question);
  if (!options.askApiServer) return answer;
  try {
    const verdict = await askApiServer(question.identity, question.attributes);
    if (verdict) answer.apiServer = verdict;
  } catch (err) {
    answer.warnings.push(`The API server could not be asked: ${(err as Error).message}`);
  }
  return answer;
}
