import { combinedResource, isResourceRequest, type RequestAttributes } from './rule-matching';
import type { PolicyRule, Subject } from './types';

/** Where a grant comes from: a binding… */
export interface BindingRef {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  /** Set for RoleBindings. */
  namespace?: string;
}

/** …and the role it refers to. */
export interface RoleRefTo {
  kind: 'Role' | 'ClusterRole';
  name: string;
  /** Set for Roles: the binding's namespace. */
  namespace?: string;
}

export function describeBinding(b: BindingRef): string {
  return b.kind === 'RoleBinding'
    ? `RoleBinding ${b.name} in namespace ${b.namespace}`
    : `ClusterRoleBinding ${b.name}`;
}

export function describeRole(r: RoleRefTo): string {
  return r.kind === 'Role' ? `Role ${r.name} in namespace ${r.namespace}` : `ClusterRole ${r.name}`;
}

export function describeSubject(s: Subject): string {
  return s.kind === 'ServiceAccount'
    ? `ServiceAccount ${s.namespace ?? '(no namespace)'}/${s.name}`
    : `${s.kind} ${s.name}`;
}

const list = (xs: string[] | undefined) => (xs && xs.length > 0 ? xs.join(', ') : '(none)');

function describeGroups(groups: string[] | undefined): string {
  if (!groups || groups.length === 0) return '';
  if (groups.includes('*')) return ' in any API group';
  // The core group is what people mean by default; name only the others.
  if (groups.length === 1 && groups[0] === '') return '';
  return ` in API group ${groups.map((g) => (g === '' ? 'core ("")' : g)).join(', ')}`;
}

/** A rule in words: "get, list on pods", "get on configmaps named app-config", "get on /metrics". */
export function describeRule(rule: PolicyRule): string {
  const verbs = rule.verbs.includes('*') ? 'every verb' : list(rule.verbs);
  if (rule.nonResourceURLs && rule.nonResourceURLs.length > 0) {
    return `${verbs} on ${list(rule.nonResourceURLs)}`;
  }
  const resources = rule.resources?.includes('*') ? 'every resource' : list(rule.resources);
  const names = rule.resourceNames?.length ? ` named ${list(rule.resourceNames)}` : '';
  return `${verbs} on ${resources}${names}${describeGroups(rule.apiGroups)}`;
}

/** A request in words: "list pods in namespace default", "get /healthz". */
export function describeRequest(a: RequestAttributes): string {
  if (!isResourceRequest(a)) return `${a.verb} ${a.nonResourceURL}`;
  const group = a.apiGroup ? `.${a.apiGroup}` : '';
  const name = a.name ? ` named ${a.name}` : '';
  const where = a.namespace ? ` in namespace ${a.namespace}` : ' cluster-wide';
  return `${a.verb} ${combinedResource(a)}${group}${name}${where}`;
}

/**
 * The reason the API server's RBAC authorizer gives for an allowed request, e.g.
 * `RBAC: allowed by RoleBinding "read-pods/default" of Role "pod-reader" to ServiceAccount "myapp1/default"`.
 */
export function sarReason(binding: BindingRef, role: RoleRefTo, subject: Subject): string {
  const q = (s: string) => JSON.stringify(s);
  const bindingNs = binding.namespace ?? '';
  const who =
    subject.kind === 'ServiceAccount'
      ? `ServiceAccount ${q(`${subject.name}/${subject.namespace || bindingNs}`)}`
      : `${subject.kind} ${q(subject.name)}`;
  const source =
    binding.kind === 'RoleBinding'
      ? `RoleBinding ${q(`${binding.name}/${bindingNs}`)}`
      : `ClusterRoleBinding ${q(binding.name)}`;
  return `RBAC: allowed by ${source} of ${role.kind} ${q(role.name)} to ${who}`;
}

/** A grant path in one line: "RoleBinding read-pods (default) → Role pod-reader → get, list on pods". */
export function describePath(p: {
  binding: BindingRef;
  role: RoleRefTo;
  rule: PolicyRule;
  aggregatedFrom?: string;
}): string {
  const binding = p.binding.namespace
    ? `${p.binding.kind} ${p.binding.namespace}/${p.binding.name}`
    : `${p.binding.kind} ${p.binding.name}`;
  const from = p.aggregatedFrom ? ` (aggregated from ${p.aggregatedFrom})` : '';
  return `${binding} → ${p.role.kind} ${p.role.name}${from} → ${describeRule(p.rule)}`;
}
