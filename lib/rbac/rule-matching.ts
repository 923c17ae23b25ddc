import type { PolicyRule } from './types';

/**
 * Rule matching exactly as the Kubernetes RBAC authorizer does it
 * (rbac/v1 evaluation helpers): `*` wildcards, `""` as the core group, `*\/sub` for a
 * subresource of any resource, resourceNames that never match a request without a name,
 * and non-resource URLs with a trailing `*` as a prefix.
 */

export interface ResourceAttributes {
  verb: string;
  /** Empty or absent for cluster-scoped resources and all-namespace requests. */
  namespace?: string;
  /** Empty or absent for the core group. */
  apiGroup?: string;
  resource: string;
  subresource?: string;
  /** Absent for list, watch, create-without-name, deletecollection. */
  name?: string;
}

export interface NonResourceAttributes {
  verb: string;
  nonResourceURL: string;
}

export type RequestAttributes = ResourceAttributes | NonResourceAttributes;

export function isResourceRequest(a: RequestAttributes): a is ResourceAttributes {
  return 'resource' in a;
}

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const v of rule.verbs) if (v === '*' || v === verb) return true;
  return false;
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  for (const g of rule.apiGroups ?? []) if (g === '*' || g === group) return true;
  return false;
}

/** `combined` is `resource` or `resource/subresource`. */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    // `*/scale` matches the scale subresource of any resource; `pods/*` is not special.
    if (
      subresource !== '' &&
      r.length === subresource.length + 2 &&
      r.startsWith('*/') &&
      r.endsWith(subresource)
    ) {
      return true;
    }
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames;
  if (!names || names.length === 0) return true;
  for (const n of names) if (n === name) return true;
  return false;
}

export function nonResourceURLMatches(rule: PolicyRule, url: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === url) return true;
    if (u.endsWith('*') && url.startsWith(trimTrailingStars(u))) return true;
  }
  return false;
}

function trimTrailingStars(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '*') end--;
  return s.slice(0, end);
}

export function combinedResource(a: ResourceAttributes): string {
  return a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
}

/** Whether one rule allows a request, as RBAC's RuleAllows. */
export function ruleAllows(rule: PolicyRule, a: RequestAttributes): boolean {
  if (isResourceRequest(a)) {
    return (
      verbMatches(rule, a.verb) &&
      apiGroupMatches(rule, a.apiGroup ?? '') &&
      resourceMatches(rule, combinedResource(a), a.subresource ?? '') &&
      resourceNameMatches(rule, a.name ?? '')
    );
  }
  return verbMatches(rule, a.verb) && nonResourceURLMatches(rule, a.nonResourceURL);
}
