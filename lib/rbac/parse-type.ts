import { findResource } from './resource-catalog';
import type { RequestAttributes } from './rule-matching';

/** What a kubectl-style question names, before it becomes request attributes. */
export interface TypeQuestion {
  verb: string;
  /** `pods`, `deployments.apps`, `pods/NAME`, or a non-resource URL such as `/healthz`. */
  type: string;
  subresource?: string;
  apiGroup?: string;
  /** Absent: the default namespace; '' for cluster-wide (all namespaces). */
  namespace?: string;
}

export class QuestionError extends Error {}

/**
 * A verb: a word, or `*`. Nothing that kubectl would read as a flag
 * (`--server=…` in a pasted `kubectl auth can-i` command).
 */
const VERB = /^(\*|[a-zA-Z][a-zA-Z0-9_-]*)$/;
/** An API group: `apps`, `networking.k8s.io`, `*`. */
export const API_GROUP = /^(\*|[a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/;

/** The group of RBAC's own objects. */
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * Verbs whose requests on namespaces address the collection `/api/v1/namespaces`, which is
 * cluster-wide whatever the name: a list or watch by name selects from it.
 */
export const NAMESPACE_COLLECTION_VERBS: ReadonlySet<string> = new Set([
  'list',
  'create',
  'deletecollection',
]);

/** A request on one namespace itself (`GET /api/v1/namespaces/X`, `…/X/status`), not the collection. */
export function isNamespaceSelfRequest(a: {
  verb: string;
  resource: string;
  apiGroup?: string;
}): boolean {
  return (
    a.resource === 'namespaces' &&
    (a.apiGroup ?? '') === '' &&
    !NAMESPACE_COLLECTION_VERBS.has(a.verb)
  );
}

/**
 * `bind` on ClusterRoles: the check the API server makes when a RoleBinding refers to a
 * ClusterRole it does not hold, asked in the RoleBinding's namespace (a Role there may grant it).
 */
export function isClusterRoleBind(a: {
  verb: string;
  resource: string;
  apiGroup?: string;
  subresource?: string;
}): boolean {
  return (
    a.verb === 'bind' &&
    a.resource === 'clusterroles' &&
    a.apiGroup === RBAC_GROUP &&
    !a.subresource
  );
}

/**
 * The namespace of a request on a cluster-scoped resource: '' (cluster-wide), but for the two
 * requests the API server authorizes in a namespace, where a RoleBinding there grants them:
 * a request on one namespace by name (`get namespaces/team-a`) is in that namespace, whatever
 * namespace the question gave (no real request on namespace X is in another one, and an absent
 * namespace means `default`); and `bind` on ClusterRoles is in the namespace asked, if any.
 */
export function clusterScopedNamespace(
  a: { verb: string; resource: string; apiGroup?: string; subresource?: string; name?: string },
  asked: string | undefined,
): string {
  if (a.name && isNamespaceSelfRequest(a)) return a.name;
  if (isClusterRoleBind(a)) return asked ?? '';
  return '';
}

/**
 * Turns kubectl's words (`list pods -n default`, `get deployments.apps/web`, `get /healthz`)
 * into request attributes. A resource without a group takes the group the built-in catalog
 * knows (deployments → apps); cluster-scoped resources are asked cluster-wide, but as
 * `clusterScopedNamespace` says (`get namespaces/team-a`, `bind clusterroles -n team-a`).
 */
export function parseTypeQuestion(
  q: TypeQuestion,
  defaultNamespace = 'default',
): RequestAttributes {
  const verb = q.verb.trim();
  if (!verb) throw new QuestionError('a verb is required, e.g. get, list, create');
  if (!VERB.test(verb) || verb.length > 100) {
    throw new QuestionError(`"${verb}" is not a verb: a word such as get, list, create, or *`);
  }
  const type = q.type.trim();
  if (!type)
    throw new QuestionError(
      'a resource type or a non-resource URL is required, e.g. pods or /healthz',
    );
  if (type.startsWith('/')) {
    if (q.subresource || q.apiGroup) {
      throw new QuestionError('a non-resource URL takes no subresource or API group');
    }
    return { verb, nonResourceURL: type };
  }
  const slash = type.indexOf('/');
  const typePart = slash >= 0 ? type.slice(0, slash) : type;
  const name = slash >= 0 ? type.slice(slash + 1) : '';
  if (slash >= 0 && (!name || name.includes('/'))) {
    throw new QuestionError(
      `"${type}" is not TYPE or TYPE/NAME (use --subresource for subresources)`,
    );
  }
  const dot = typePart.indexOf('.');
  const resource = (dot >= 0 ? typePart.slice(0, dot) : typePart).toLowerCase();
  if (!/^[a-z0-9*][a-z0-9-]*$|^\*$/.test(resource))
    throw new QuestionError(`"${resource}" is not a resource name`);
  // kubectl reads TYPE.GROUP case-insensitively, as it does TYPE.
  const groupFromType = dot >= 0 ? typePart.slice(dot + 1).toLowerCase() : undefined;
  if (groupFromType !== undefined && !API_GROUP.test(groupFromType)) {
    throw new QuestionError(
      `"${groupFromType}" is not an API group, e.g. apps or networking.k8s.io`,
    );
  }
  if (q.apiGroup !== undefined && groupFromType !== undefined && q.apiGroup !== groupFromType) {
    throw new QuestionError(`the API group is given twice: ${groupFromType} and ${q.apiGroup}`);
  }
  const explicitGroup = q.apiGroup ?? groupFromType;
  const known = findResource(resource, explicitGroup);
  const apiGroup = explicitGroup ?? known?.group ?? '';
  const attrs: RequestAttributes = { verb, resource, apiGroup, namespace: '' };
  if (q.subresource) attrs.subresource = q.subresource;
  if (name) attrs.name = name;
  attrs.namespace =
    known && !known.namespaced
      ? clusterScopedNamespace(attrs, q.namespace)
      : (q.namespace ?? defaultNamespace);
  return attrs;
}
