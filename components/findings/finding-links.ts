import type { Finding } from '@/lib/findings/find-risks';
import { graphHref, pathNodeIds, subjectNodeId } from '@/lib/rbac/graph-link';
import { serviceAccountUser } from '@/lib/rbac/identity';
import { checkHref } from '@/lib/rbac/question-url';
import type { Subject } from '@/lib/rbac/types';

/** Who asks on the Check page for a binding subject: its user name, or its group. */
function askerFor(s: Subject): { user: string; groups?: string[] } {
  if (s.kind === 'ServiceAccount') return { user: serviceAccountUser(s.namespace ?? '', s.name) };
  return s.kind === 'User' ? { user: s.name } : { user: '', groups: [s.name] };
}

/**
 * The question a finding answers "yes" to, as a Check page link; undefined when the finding
 * carries no allowed request. A cluster-wide request keeps its empty namespace, so the Check
 * page asks it cluster-wide rather than in `default`.
 */
export function findingCheckHref(f: Finding): string | undefined {
  if (!f.subject || !f.request) return undefined;
  return checkHref(askerFor(f.subject), f.request);
}

/** The finding's subject on the Graph page, with the bindings and roles of its paths marked. */
export function findingGraphHref(f: Finding): string | undefined {
  if (!f.subject) return undefined;
  return graphHref(subjectNodeId(f.subject), pathNodeIds(f.paths));
}
