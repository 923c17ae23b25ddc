import type { BindingRef, RoleRefTo } from './describe';
import { subjectKey } from './identity';
import type { Subject } from './types';

/**
 * Graph node ids and links to the Graph page:
 * `subject:ServiceAccount:default:myapp1`, `binding:RoleBinding:default:read-pods`,
 * `binding:ClusterRoleBinding:bob-view`, `role:Role:default:pod-reader`, `role:ClusterRole:view`.
 */

export const subjectNodeId = (s: Subject) => `subject:${subjectKey(s)}`;

export const bindingNodeId = (b: BindingRef) =>
  b.kind === 'RoleBinding'
    ? `binding:RoleBinding:${b.namespace ?? ''}:${b.name}`
    : `binding:ClusterRoleBinding:${b.name}`;

export const roleNodeId = (r: RoleRefTo) =>
  r.kind === 'Role' ? `role:Role:${r.namespace ?? ''}:${r.name}` : `role:ClusterRole:${r.name}`;

/** The most nodes a graph address may highlight, and the most characters their list may take. */
export const MAX_HIGHLIGHT = 50;
export const MAX_HIGHLIGHT_LIST = 5000;

/**
 * `/graph?focus=ID&highlight=ID,ID…`: the graph centred on one node, with others marked: the
 * first of them (grant paths come before near misses) as many as an address may hold.
 */
export function graphHref(focus: string, highlight: readonly string[] = []): string {
  const p = new URLSearchParams({ focus });
  const ids = [focus];
  let length = focus.length;
  for (const id of new Set(highlight)) {
    if (id === focus) continue;
    if (ids.length === MAX_HIGHLIGHT || length + 1 + id.length > MAX_HIGHLIGHT_LIST) break;
    ids.push(id);
    length += 1 + id.length;
  }
  if (ids.length > 1) p.set('highlight', ids.join(','));
  return `/graph?${p}`;
}

/** The nodes of grant paths (and near misses): each binding and role, and the subject named. */
export function pathNodeIds(
  paths: readonly { binding: BindingRef; role: RoleRefTo; subject?: Subject }[],
): string[] {
  const ids: string[] = [];
  for (const p of paths) {
    if (p.subject) ids.push(subjectNodeId(p.subject));
    ids.push(bindingNodeId(p.binding), roleNodeId(p.role));
  }
  return [...new Set(ids)];
}
