import type { Authorizer } from './authorizer';
import type { RequestAttributes } from './rule-matching';

/** The parts of an authorization.k8s.io/v1 SubjectAccessReview the authorizer reads. */
export interface SubjectAccessReviewSpec {
  user?: string;
  groups?: string[];
  resourceAttributes?: {
    namespace?: string;
    verb?: string;
    group?: string;
    version?: string;
    resource?: string;
    subresource?: string;
    name?: string;
  };
  nonResourceAttributes?: { path?: string; verb?: string };
}

export interface SubjectAccessReviewStatus {
  allowed: boolean;
  reason?: string;
  evaluationError?: string;
}

export class ReviewError extends Error {}

/** The request attributes of a review's spec, exactly as the API server reads them. */
export function attributesOfReview(spec: SubjectAccessReviewSpec): RequestAttributes {
  const r = spec.resourceAttributes;
  const n = spec.nonResourceAttributes;
  if (r && n) throw new ReviewError('spec has both resourceAttributes and nonResourceAttributes');
  if (n) return { verb: n.verb ?? '', nonResourceURL: n.path ?? '' };
  if (r) {
    const attrs: RequestAttributes = {
      verb: r.verb ?? '',
      namespace: r.namespace ?? '',
      apiGroup: r.group ?? '',
      resource: r.resource ?? '',
    };
    if (r.subresource) attrs.subresource = r.subresource;
    if (r.name) attrs.name = r.name;
    return attrs;
  }
  throw new ReviewError('spec needs resourceAttributes or nonResourceAttributes');
}

/**
 * Evaluates a SubjectAccessReview as the API server's RBAC authorizer would: exactly the
 * spec's user and groups, and a reason naming the binding and role that allow it.
 */
export function reviewSubjectAccess(
  authz: Authorizer,
  spec: SubjectAccessReviewSpec,
): SubjectAccessReviewStatus {
  if (!spec.user && (!spec.groups || spec.groups.length === 0)) {
    throw new ReviewError('spec needs a user or groups');
  }
  const decision = authz.canI(
    { user: spec.user ?? '', groups: spec.groups ?? [] },
    attributesOfReview(spec),
    {
      explain: false,
    },
  );
  const status: SubjectAccessReviewStatus = { allowed: decision.allowed };
  if (decision.reason) status.reason = decision.reason;
  return status;
}
