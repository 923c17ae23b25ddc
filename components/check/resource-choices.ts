import type { ResourceInfo } from '@/lib/rbac/resource-catalog';
import type { ResourceChoice } from './question-form';

/** The resource picker's choices: `pods`, `deployments.apps`, with scope and subresources. */
export function resourceChoices(resources: readonly ResourceInfo[]): ResourceChoice[] {
  return resources.map((r) => ({
    value: r.group ? `${r.resource}.${r.group}` : r.resource,
    namespaced: r.namespaced,
    subresources: r.subresources ?? [],
  }));
}
