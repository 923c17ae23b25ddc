import { selectorMatches } from '../rbac/label-selector';
import type { ClusterRole } from '../rbac/types';

/**
 * The ClusterRoles whose effective rules include those of ClusterRole `name` through
 * aggregation: every ClusterRole whose aggregationRule selects it (by its labels), then every
 * one selecting those, to a fixed point. As the aggregation controller does, a role never
 * selects itself. Sorted by name; `name` itself is not in the list.
 */
export function aggregatingRoles(clusterRoles: readonly ClusterRole[], name: string): string[] {
  const byName = new Map(clusterRoles.map((r) => [r.name, r]));
  const start = byName.get(name);
  if (!start) return [];
  const reached = new Map<string, ClusterRole>([[name, start]]);
  const aggregators = clusterRoles.filter((r) => r.aggregationRule);
  // Each pass adds at least one role or ends: at most one pass per aggregated role.
  for (let grew = true; grew;) {
    grew = false;
    for (const r of aggregators) {
      if (reached.has(r.name)) continue;
      const selects = r.aggregationRule!.clusterRoleSelectors.some((selector) =>
        [...reached.values()].some((c) => c.name !== r.name && selectorMatches(selector, c.labels)),
      );
      if (selects) {
        reached.set(r.name, r);
        grew = true;
      }
    }
  }
  reached.delete(name);
  return [...reached.keys()].sort();
}
