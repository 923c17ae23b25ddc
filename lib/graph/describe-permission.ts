import type { GraphNode } from './model';

/** A resource with its group, as kubectl prints it: `pods`, `deployments.apps`, `*.*`. */
export function resourceLabel(apiGroup: string, resource: string): string {
  return apiGroup === '' ? resource : `${resource}.${apiGroup}`;
}

/** What a permission node allows, in words: "get, list on pods named app-config". */
export function describePermission(n: GraphNode): string {
  const verbs = n.verbs?.includes('*') ? 'every verb' : (n.verbs ?? []).join(', ');
  if (n.nonResourceURL) return `${verbs} on ${n.nonResourceURL}`;
  const resource =
    n.resource === '*'
      ? `every resource ${n.apiGroup === '*' ? 'in every API group' : n.apiGroup ? `in ${n.apiGroup}` : 'in the core API group'}`
      : resourceLabel(n.apiGroup ?? '', n.resource ?? '');
  const names = n.resourceNames ? ` named ${n.resourceNames.join(', ')}` : '';
  return `${verbs} on ${resource}${names}`;
}
