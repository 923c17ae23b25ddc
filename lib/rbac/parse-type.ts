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

/**
 * Turns kubectl's words (`list pods -n default`, `get deployments.apps/web`, `get /healthz`)
 * into request attributes. A resource without a group takes the group the built-in catalog
 * knows (deployments → apps); cluster-scoped resources are asked cluster-wide.
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
  const namespace = known && !known.namespaced ? '' : (q.namespace ?? defaultNamespace);
  const attrs: RequestAttributes = { verb, resource, apiGroup, namespace };
  if (q.subresource) attrs.subresource = q.subresource;
  if (name) attrs.name = name;
  return attrs;
}
