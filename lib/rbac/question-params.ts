import { z } from 'zod';
import {
  impersonatedIdentity,
  parseServiceAccountUser,
  SA_PREFIX,
  type Identity,
} from './identity';
import { isNamespaceName } from './object-names';
import { API_GROUP, clusterScopedNamespace, parseTypeQuestion, QuestionError } from './parse-type';
import { findResource, type ResourceInfo } from './resource-catalog';
import type { RequestAttributes } from './rule-matching';

/**
 * The questions of the Check and Who-can pages, read from URL search parameters in kubectl's
 * words. The pages and the JSON routes share these parsers, so a link and an API call mean the
 * same thing:
 *
 *   as=USER  group=G (or as-group=G, repeatable)  verb=V  resource=R[/SUB]  apiGroup=G
 *   subresource=S  name=N  namespace=NS  url=/PATH
 *
 * `namespace` absent means `default` (as kubectl); present and empty means all namespaces
 * (cluster-wide, kubectl's -A). Cluster-scoped resources are asked cluster-wide, but for the
 * two requests the API server authorizes in a namespace: one namespace by name
 * (`verb=get&resource=namespaces&name=team-a` is in team-a, whatever `namespace` says) and
 * `bind` on clusterroles with a namespace (see `clusterScopedNamespace`).
 */

/** Search parameters as Next hands them to pages, or a URLSearchParams from a request. */
export type SearchInput =
  URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The longest value any parameter may have. */
export const MAX_PARAM_LENGTH = 1024;
/** The most groups a question may carry. */
export const MAX_GROUPS = 50;

// Control characters (a NUL, a line break) are never part of a name, verb or path.
const CONTROL = /[\u0000-\u001f\u007f]/;

const text = (param: string) =>
  z
    .string()
    .max(MAX_PARAM_LENGTH, `${param} is longer than ${MAX_PARAM_LENGTH} characters`)
    .refine((s) => !CONTROL.test(s), `${param} contains control characters`)
    .transform((s) => s.trim());

const one = (param: string) =>
  z
    .array(text(param))
    .max(1, `${param} is given more than once`)
    .optional()
    .transform((v) => v?.[0]);

const many = (param: string) =>
  z
    .array(text(param))
    .max(MAX_GROUPS, `at most ${MAX_GROUPS} groups may be given`)
    .optional()
    .transform((v) => v ?? []);

const questionParams = z.object({
  as: one('as'),
  group: many('group'),
  'as-group': many('as-group'),
  verb: one('verb'),
  resource: one('resource'),
  apiGroup: one('apiGroup'),
  subresource: one('subresource'),
  name: one('name'),
  namespace: one('namespace'),
  url: one('url'),
});

/** The parameters of a question, each trimmed; unknown parameters are ignored. */
export type QuestionParams = z.infer<typeof questionParams>;

/** Every value of every parameter, as arrays. */
function toArrays(input: SearchInput): Record<string, string[]> {
  // No prototype: keys such as __proto__ and constructor are data here.
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (input instanceof URLSearchParams) {
    for (const [k, v] of input) (out[k] ??= []).push(v);
    return out;
  }
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' ? [v] : [...v];
  }
  return out;
}

/** Reads the question parameters; throws QuestionError with a message a user can act on. */
export function readQuestionParams(input: SearchInput): QuestionParams {
  const parsed = questionParams.safeParse(toArrays(input));
  if (!parsed.success) {
    throw new QuestionError(parsed.error.issues[0]?.message ?? 'the question is malformed');
  }
  return parsed.data;
}

/** Whether the input carries any question parameter at all (an empty page shows examples). */
export function hasQuestion(input: SearchInput): boolean {
  const keys = Object.keys(toArrays(input));
  return keys.some((k) => k in questionParams.shape);
}

const SUBRESOURCE = /^[a-z][a-z0-9-]*$/;

/**
 * The request attributes a question asks about. `catalog` (API discovery, when connected)
 * refines the API group and scope of resources the built-in list does not know.
 */
export function attributesOf(
  p: QuestionParams,
  catalog?: readonly ResourceInfo[],
): RequestAttributes {
  const verb = p.verb ?? '';
  if (!verb) throw new QuestionError('a verb is required, e.g. get, list, create');
  const resource = p.resource ?? '';
  const url = p.url ?? '';
  if (resource && url) {
    throw new QuestionError('ask about a resource or a non-resource URL, not both');
  }
  if (url) {
    if (!url.startsWith('/')) {
      throw new QuestionError(
        `"${url}" is not a non-resource URL: it starts with /, e.g. /healthz`,
      );
    }
    if (p.apiGroup || p.subresource || p.name) {
      throw new QuestionError('a non-resource URL takes no API group, subresource or name');
    }
    // The namespace does not apply to non-resource URLs; kubectl ignores it too.
    return parseTypeQuestion({ verb, type: url });
  }
  if (!resource) {
    throw new QuestionError(
      'a resource (e.g. pods) or a non-resource URL (e.g. /healthz) is required',
    );
  }
  if (resource.startsWith('/')) {
    throw new QuestionError(`"${resource}" is a non-resource URL: ask with url=${resource}`);
  }
  // RESOURCE/SUBRESOURCE is accepted, as people write pods/log.
  const [base = '', sub, ...more] = resource.split('/');
  if (more.length > 0 || sub === '') {
    throw new QuestionError(`"${resource}" is not RESOURCE or RESOURCE/SUBRESOURCE`);
  }
  if (sub !== undefined && p.subresource) {
    throw new QuestionError(`the subresource is given twice: ${sub} and ${p.subresource}`);
  }
  const subresource = sub ?? p.subresource;
  if (subresource && !SUBRESOURCE.test(subresource)) {
    throw new QuestionError(`"${subresource}" is not a subresource name, e.g. log, exec, scale`);
  }
  const apiGroup = p.apiGroup || undefined;
  if (apiGroup && !API_GROUP.test(apiGroup)) {
    throw new QuestionError(`"${apiGroup}" is not an API group, e.g. apps or networking.k8s.io`);
  }
  const namespace = p.namespace;
  if (namespace && !isNamespaceName(namespace)) {
    throw new QuestionError(
      `"${namespace}" is not a namespace name (lower-case letters, digits and dashes, at most 63)`,
    );
  }
  const name = p.name || undefined;
  if (name !== undefined && (name.includes('/') || name.length > 253)) {
    throw new QuestionError(`"${name}" is not an object name`);
  }
  const attrs = parseTypeQuestion({ verb, type: base, subresource, apiGroup, namespace });
  if (!('resource' in attrs)) throw new QuestionError(`"${resource}" is not a resource`);
  if (name !== undefined) attrs.name = name;
  const known = catalog && findIn(catalog, attrs.resource, apiGroup ?? groupSuffix(base));
  if (known) attrs.apiGroup = known.group;
  // The name is known only now: a request on one namespace is in that namespace.
  const scope = known || findResource(attrs.resource, attrs.apiGroup);
  if (scope && !scope.namespaced) attrs.namespace = clusterScopedNamespace(attrs, namespace);
  return attrs;
}

function groupSuffix(type: string): string | undefined {
  const dot = type.indexOf('.');
  return dot >= 0 ? type.slice(dot + 1) : undefined;
}

function findIn(
  catalog: readonly ResourceInfo[],
  resource: string,
  group: string | undefined,
): ResourceInfo | undefined {
  return catalog.find((r) => r.resource === resource && (group === undefined || r.group === group));
}

/** A Check question: who asks (exactly as the API server would see them) and what. */
export interface CheckQuestion {
  /** The user asked about, as given; '' when only groups are given. */
  user: string;
  /** The groups given explicitly (group / as-group). */
  groups: string[];
  /** The identity the request carries: a ServiceAccount user gets its groups implied. */
  identity: Identity;
  attributes: RequestAttributes;
}

/**
 * Parses a Check question. `as` takes a user name or `system:serviceaccount:NS:NAME`;
 * a ServiceAccount user without groups carries its ServiceAccount groups, as
 * `kubectl --as` does. Groups alone ask about exactly those groups.
 */
export function parseCheckQuestion(
  input: SearchInput,
  catalog?: readonly ResourceInfo[],
): CheckQuestion {
  const p = readQuestionParams(input);
  const user = p.as ?? '';
  const groups = [...new Set([...p.group, ...p['as-group']].filter(Boolean))];
  if (!user && groups.length === 0) {
    throw new QuestionError(
      'who is asking? Give a user (as=system:serviceaccount:default:myapp1) or a group (group=…)',
    );
  }
  if (user.startsWith(SA_PREFIX) && !parseServiceAccountUser(user)) {
    throw new QuestionError(
      `"${user}" is not a ServiceAccount user name: use system:serviceaccount:NAMESPACE:NAME`,
    );
  }
  const attributes = attributesOf(p, catalog);
  const identity: Identity = user ? impersonatedIdentity(user, groups) : { user: '', groups };
  return { user, groups, identity, attributes };
}

/** Parses a Who-can question: only what is asked, no subject. */
export function parseWhoCanQuestion(
  input: SearchInput,
  catalog?: readonly ResourceInfo[],
): RequestAttributes {
  return attributesOf(readQuestionParams(input), catalog);
}

/** Runs a parse: its value, or the QuestionError's message. Other errors are thrown on. */
export function attempt<T>(
  parse: () => T,
): { ok: true; value: T } | { ok: false; problem: string } {
  try {
    return { ok: true, value: parse() };
  } catch (err) {
    if (err instanceof QuestionError) return { ok: false, problem: err.message };
    throw err;
  }
}
