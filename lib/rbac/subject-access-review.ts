import type { Authorizer } from './authorizer';
import type { RequestAttributes } from './rule-matching';

/** The parts of an authorization.k8s.io/v1 SubjectAccessReview the authorizer reads. */
export interface SubjectAccessReviewSpec {
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
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

type Obj = Record<string, unknown>;

/** A value's type in a reader's words, for messages. */
function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'boolean') return 'true or false';
  if (typeof v === 'object') return 'an object';
  return typeof v === 'string' ? 'a string' : `a ${typeof v}`;
}

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields a part of the spec may have; any other is refused, as kubectl's strict validation does. */
function objectAt(v: unknown, where: string, fields: readonly string[]): Obj {
  if (!isObject(v)) throw new ReviewError(`${where} must be an object, not ${typeOf(v)}`);
  for (const key of Object.keys(v)) {
    if (!fields.includes(key)) throw new ReviewError(`unknown field ${where}.${key}`);
  }
  return v;
}

// null is "not given": the API server decodes it so.
const given = (v: unknown) => v !== undefined && v !== null;

function stringAt(o: Obj, key: string, where: string): string | undefined {
  const v = o[key];
  if (!given(v)) return undefined;
  if (typeof v !== 'string')
    throw new ReviewError(`${where}.${key} must be a string, not ${typeOf(v)}`);
  return v;
}

function stringsAt(o: Obj, key: string, where: string): string[] | undefined {
  const v = o[key];
  if (!given(v)) return undefined;
  if (!Array.isArray(v)) {
    throw new ReviewError(`${where}.${key} must be a list of strings, not ${typeOf(v)}`);
  }
  v.forEach((x: unknown, i) => {
    if (typeof x !== 'string') {
      throw new ReviewError(`${where}.${key}[${i}] must be a string, not ${typeOf(x)}`);
    }
  });
  return v as string[];
}

const RESOURCE_FIELDS = [
  'namespace',
  'verb',
  'group',
  'version',
  'resource',
  'subresource',
  'name',
];

/**
 * Reads a SubjectAccessReview's spec as the API server decodes it: each field of its type or
 * absent (null), no unknown fields; anything else is a ReviewError naming the field. Without
 * this a YAML slip such as `groups: system:masters-readonly` (a string, not a list) would be
 * read as a list of characters, or tested for system:masters as a substring.
 */
export function parseReviewSpec(raw: unknown): SubjectAccessReviewSpec {
  const s = objectAt(given(raw) ? raw : {}, 'spec', [
    'user',
    'groups',
    'uid',
    'extra',
    'resourceAttributes',
    'nonResourceAttributes',
  ]);
  const spec: SubjectAccessReviewSpec = {};
  const user = stringAt(s, 'user', 'spec');
  if (user !== undefined) spec.user = user;
  const groups = stringsAt(s, 'groups', 'spec');
  if (groups !== undefined) spec.groups = groups;
  const uid = stringAt(s, 'uid', 'spec');
  if (uid !== undefined) spec.uid = uid;
  if (given(s.extra)) {
    if (!isObject(s.extra)) {
      throw new ReviewError(`spec.extra must be a map of lists of strings, not ${typeOf(s.extra)}`);
    }
    const extra: Record<string, string[]> = {};
    for (const key of Object.keys(s.extra))
      extra[key] = stringsAt(s.extra, key, 'spec.extra') ?? [];
    spec.extra = extra;
  }
  if (given(s.resourceAttributes)) {
    const where = 'spec.resourceAttributes';
    // The selectors (Kubernetes 1.31+) narrow a list for other authorizers; RBAC ignores them.
    const r = objectAt(s.resourceAttributes, where, [
      ...RESOURCE_FIELDS,
      'fieldSelector',
      'labelSelector',
    ]);
    const attrs: NonNullable<SubjectAccessReviewSpec['resourceAttributes']> = {};
    for (const key of RESOURCE_FIELDS) {
      const v = stringAt(r, key, where);
      if (v !== undefined) attrs[key as keyof typeof attrs] = v;
    }
    for (const key of ['fieldSelector', 'labelSelector']) {
      if (given(r[key]) && !isObject(r[key])) {
        throw new ReviewError(`${where}.${key} must be an object, not ${typeOf(r[key])}`);
      }
    }
    spec.resourceAttributes = attrs;
  }
  if (given(s.nonResourceAttributes)) {
    const where = 'spec.nonResourceAttributes';
    const n = objectAt(s.nonResourceAttributes, where, ['path', 'verb']);
    const attrs: NonNullable<SubjectAccessReviewSpec['nonResourceAttributes']> = {};
    const path = stringAt(n, 'path', where);
    if (path !== undefined) attrs.path = path;
    const verb = stringAt(n, 'verb', where);
    if (verb !== undefined) attrs.verb = verb;
    spec.nonResourceAttributes = attrs;
  }
  return spec;
}

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
 * spec's user and groups, and a reason naming the binding and role that allow it. The spec is
 * read as it comes (parsed YAML or JSON) and checked first: a malformed one is a ReviewError.
 */
export function reviewSubjectAccess(authz: Authorizer, raw: unknown): SubjectAccessReviewStatus {
  const spec = parseReviewSpec(raw);
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
