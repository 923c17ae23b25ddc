import type { Authorizer, GrantPath } from './authorizer';
import { podCurlCommand, type CurlCommand } from './curl-command';
import { ANONYMOUS, parseServiceAccountUser, UNAUTHENTICATED, type Identity } from './identity';
import { kubectlCanI, type KubectlCommand } from './kubectl-command';
import type { NearMiss } from './near-misses';
import type { CheckQuestion } from './question-params';
import type { RequestAttributes } from './rule-matching';
import { serviceAccountExists } from './snapshot-index';
import type { Subject } from './types';

/** The answer of the Check page and of GET /api/check, before the API server is asked. */
export interface CheckAnswer {
  request: RequestAttributes;
  identity: Identity;
  allowed: boolean;
  /** Set when the API server allows the request before RBAC is asked (system:masters). */
  bypass?: string;
  paths: GrantPath[];
  nearMisses: NearMiss[];
  warnings: string[];
  /** The reason a SubjectAccessReview would give for a yes; '' for a no. */
  reason: string;
  kubectl: KubectlCommand;
  /** For ServiceAccounts: the request as a Pod running as it would make it. */
  curl?: CurlCommand;
}

/** Decides a Check question with its reasons and the commands that ask the same thing. */
export function answerCheck(authz: Authorizer, q: CheckQuestion): CheckAnswer {
  const decision = authz.canI(q.identity, q.attributes);
  const warnings = [...decision.warnings];
  const sa = parseServiceAccountUser(q.user);
  if (sa && !serviceAccountExists(authz.snapshot, sa.namespace, sa.name)) {
    warnings.push(
      `There is no ServiceAccount ${sa.namespace}/${sa.name} in this data: the answer is for a token of that name, should one exist.`,
    );
  }
  // The API server's anonymous authenticator adds the group; impersonation (kubectl --as) does not.
  if (q.user === ANONYMOUS && !q.identity.groups.includes(UNAUTHENTICATED)) {
    warnings.push(
      `Real anonymous requests carry the group ${UNAUTHENTICATED}, which this question does not: ask with group=${UNAUTHENTICATED} for what they can do.`,
    );
  }
  const answer: CheckAnswer = {
    request: q.attributes,
    identity: q.identity,
    allowed: decision.allowed,
    paths: decision.paths,
    nearMisses: decision.nearMisses,
    warnings,
    reason: decision.reason,
    kubectl: kubectlCanI({ user: q.user, groups: q.groups }, q.attributes),
  };
  if (decision.bypass) answer.bypass = decision.bypass;
  // A Pod's token carries exactly the ServiceAccount's groups: only then is the curl the same question.
  if (sa && q.groups.length === 0) {
    const curl = podCurlCommand(q.attributes);
    if (curl) answer.curl = curl;
  }
  return answer;
}

/** Our verdict beside the API server's, in words. */
export function compareVerdicts(
  ours: boolean,
  theirs: { allowed: boolean; reason?: string; evaluationError?: string },
): { agree: boolean; text: string } {
  const said = theirs.allowed ? 'allows' : 'denies';
  if (theirs.allowed === ours) {
    return { agree: true, text: `The API server agrees: it ${said} this.` };
  }
  const why = theirs.allowed
    ? 'Another authorizer (or a group RBAC does not see) allows it.'
    : 'RBAC data here may be out of date, or another authorizer denies it first.';
  return { agree: false, text: `The API server ${said} this, unlike RBAC here. ${why}` };
}

/** The subject a question is about: its ServiceAccount, its user, or its first group. */
export function askerOf(q: { user: string; groups: readonly string[] }): Subject | undefined {
  const sa = parseServiceAccountUser(q.user);
  if (sa) return { kind: 'ServiceAccount', ...sa };
  if (q.user) return { kind: 'User', name: q.user };
  return q.groups[0] ? { kind: 'Group', name: q.groups[0] } : undefined;
}
