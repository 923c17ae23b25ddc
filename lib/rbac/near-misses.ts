import type { Authorizer, BindingEntry } from './authorizer';
import {
  describeBinding,
  describeRole,
  describeRule,
  type BindingRef,
  type RoleRefTo,
} from './describe';
import { parseServiceAccountUser, serviceAccountGroups, type Identity } from './identity';
import { isClusterRoleBind, isNamespaceSelfRequest } from './parse-type';
import { findResource } from './resource-catalog';
import {
  apiGroupMatches,
  combinedResource,
  isResourceRequest,
  nonResourceURLMatches,
  resourceMatches,
  resourceNameMatches,
  ruleAllows,
  verbMatches,
  type RequestAttributes,
  type ResourceAttributes,
} from './rule-matching';
import type { PolicyRule } from './types';

export type NearMissKind =
  | 'namespace'
  | 'apiGroup'
  | 'verb'
  | 'subresource'
  | 'resourceName'
  | 'nonResourceViaRoleBinding'
  | 'missingRole'
  | 'group';

/** Something that would allow the request but for one thing, in plain words. */
export interface NearMiss {
  kind: NearMissKind;
  binding: BindingRef;
  role: RoleRefTo;
  rule?: PolicyRule;
  message: string;
}

const MAX_NEAR_MISSES = 25;

/**
 * For a denied request: the bindings and rules of the asker that would allow it but for one
 * thing — another namespace, API group, verb, subresource or resource name, a non-resource URL
 * granted only through a RoleBinding, a missing role, or a group the request does not carry.
 */
export function findNearMisses(
  authz: Authorizer,
  identity: Identity,
  a: RequestAttributes,
): NearMiss[] {
  const out: NearMiss[] = [];
  const requestNs = isResourceRequest(a) ? (a.namespace ?? '') : '';
  for (const entry of authz.entriesFor(identity)) {
    const base = { binding: entry.bindingRef, role: entry.role };
    const applies = entry.namespace === '' || entry.namespace === requestNs;
    if (!entry.rules) {
      // A missing role matters where its binding would have granted.
      if (!applies) continue;
      out.push({
        kind: 'missingRole',
        ...base,
        message: `${describeBinding(entry.bindingRef)} refers to ${describeRole(entry.role)}, which does not exist, so it grants nothing.`,
      });
      continue;
    }
    for (const r of entry.rules) {
      const miss = applies
        ? ruleMiss(r.rule, a, entry)
        : ruleAllowsIgnoringNamespace(r.rule, a)
          ? namespaceMiss(entry, r.rule, a)
          : undefined;
      if (miss) out.push({ ...base, rule: r.rule, ...miss });
    }
  }
  out.push(...groupMisses(authz, identity, a));
  return dedupe(out).slice(0, MAX_NEAR_MISSES);
}

type Miss = Pick<NearMiss, 'kind' | 'message'>;

function ruleAllowsIgnoringNamespace(rule: PolicyRule, a: RequestAttributes): boolean {
  return ruleAllows(rule, a);
}

function namespaceMiss(entry: BindingEntry, rule: PolicyRule, a: RequestAttributes): Miss {
  const where = describeBinding(entry.bindingRef);
  if (!isResourceRequest(a)) {
    return {
      kind: 'nonResourceViaRoleBinding',
      message: `${where} would allow ${a.nonResourceURL}, but non-resource URLs are only granted by ClusterRoleBindings.`,
    };
  }
  const known = findResource(a.resource, a.apiGroup ?? '');
  if (known && !known.namespaced && isNamespaceSelfRequest(a)) {
    // A request on one namespace is authorized in that namespace: a RoleBinding grants it
    // on its own namespace alone.
    const names = rule.resourceNames ?? [];
    if (names.length > 0 && !names.includes(entry.namespace)) {
      return {
        kind: 'namespace',
        message: `${where} names ${combinedResource(a)} ${names.join(', ')}, but a RoleBinding grants them only for its own namespace, ${entry.namespace}: this grants nothing.`,
      };
    }
    const asked = a.name ? `not on ${a.name}` : 'not without a name';
    return {
      kind: 'namespace',
      message: `${where} would allow this on namespace ${entry.namespace} itself, ${asked} (a RoleBinding grants ${combinedResource(a)} only for its own namespace).`,
    };
  }
  if (known && !known.namespaced && !a.namespace && !isClusterRoleBind(a)) {
    // It would not allow it in its namespace either: cluster-scoped requests have none.
    return {
      kind: 'namespace',
      message: `${where} names ${combinedResource(a)}, but they are cluster-scoped: only a ClusterRoleBinding grants them.`,
    };
  }
  const asked = a.namespace ? `not in ${a.namespace}` : 'not cluster-wide';
  return {
    kind: 'namespace',
    message: `${where} would allow this in ${entry.namespace}, ${asked} (a RoleBinding grants only in its own namespace).`,
  };
}

/** How one rule of an applicable binding fails the request, when it fails by exactly one thing. */
function ruleMiss(rule: PolicyRule, a: RequestAttributes, entry: BindingEntry): Miss | undefined {
  const via = `${describeRole(entry.role)} (through ${describeBinding(entry.bindingRef)})`;
  if (!isResourceRequest(a)) {
    if (!verbMatches(rule, a.verb) && nonResourceURLMatches(rule, a.nonResourceURL)) {
      return {
        kind: 'verb',
        message: `${via} allows ${describeRule(rule)}, but not the verb ${a.verb}.`,
      };
    }
    return undefined;
  }
  const verb = verbMatches(rule, a.verb);
  const group = apiGroupMatches(rule, a.apiGroup ?? '');
  const resource = resourceMatches(rule, combinedResource(a), a.subresource ?? '');
  const name = resourceNameMatches(rule, a.name ?? '');
  const failures = [verb, group, resource, name].filter((ok) => !ok).length;
  if (failures !== 1) return undefined;
  if (!verb) {
    return {
      kind: 'verb',
      message: `${via} allows ${describeRule(rule)}, but not the verb ${a.verb}.`,
    };
  }
  if (!group) {
    const asked = a.apiGroup ? `the API group ${a.apiGroup}` : 'the core API group ("")';
    return {
      kind: 'apiGroup',
      message: `${via} allows ${describeRule(rule)}, but not in ${asked}.`,
    };
  }
  if (!name) {
    return {
      kind: 'resourceName',
      message: a.name
        ? `${via} allows ${describeRule(rule)}, but only those names, not ${a.name}.`
        : `${via} lists resourceNames (${rule.resourceNames!.join(', ')}), which never match a ${a.verb} request without a name.`,
    };
  }
  return subresourceMiss(rule, a, via);
}

/** A resource failure is near only when the rule names the same resource with another subresource. */
function subresourceMiss(rule: PolicyRule, a: ResourceAttributes, via: string): Miss | undefined {
  const resources = rule.resources ?? [];
  if (a.subresource && resources.includes(a.resource)) {
    return {
      kind: 'subresource',
      message: `${via} allows ${describeRule(rule)}, but ${a.resource}/${a.subresource} is a subresource that must be granted by name.`,
    };
  }
  const sameBase = resources.filter((r) => r.startsWith(`${a.resource}/`));
  if (sameBase.length > 0) {
    return {
      kind: 'subresource',
      message: `${via} allows ${describeRule(rule)}: only the subresource ${sameBase.join(', ')}, not ${combinedResource(a)}.`,
    };
  }
  return undefined;
}

/**
 * A ServiceAccount user asked about without its groups misses what its token would carry:
 * point at group bindings that would allow the request.
 */
function groupMisses(authz: Authorizer, identity: Identity, a: RequestAttributes): NearMiss[] {
  const sa = parseServiceAccountUser(identity.user);
  if (!sa) return [];
  const missing = serviceAccountGroups(sa.namespace).filter((g) => !identity.groups.includes(g));
  if (missing.length === 0) return [];
  const decision = authz.canI({ user: '', groups: missing }, a, { explain: false });
  return decision.paths.map((p) => ({
    kind: 'group' as const,
    binding: p.binding,
    role: p.role,
    rule: p.rule,
    message: `${describeBinding(p.binding)} allows this to the group ${p.subject.name}, which a token of this ServiceAccount carries but this question does not.`,
  }));
}

function dedupe(misses: NearMiss[]): NearMiss[] {
  const seen = new Set<string>();
  return misses.filter((m) => {
    if (seen.has(m.message)) return false;
    seen.add(m.message);
    return true;
  });
}
