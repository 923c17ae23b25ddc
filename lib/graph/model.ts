import { subjectKey } from '../rbac/identity';
import type { Subject, SubjectKind } from '../rbac/types';

/**
 * The graph model: plain, JSON-ready data shared by `GET /api/graph`, the Graph page and the
 * canvas. Edges point Pod → ServiceAccount → binding → role → permission.
 *
 * Node ids (shared with other pages, which link `/graph?focus=ID&highlight=ID,ID`):
 * - `pod:NS:NAME`
 * - `subject:<subjectKey>`, e.g. `subject:ServiceAccount:default:myapp1`, `subject:User:alice`
 * - `binding:RoleBinding:NS:NAME`, `binding:ClusterRoleBinding:NAME`
 * - `role:Role:NS:NAME`, `role:ClusterRole:NAME`
 * - `perm:<role id>:<apiGroup>/<resource>` for the rules of a role grouped by resource
 *   (`perm:role:Role:default:pod-reader:/pods`; the core group is empty; `*` stays `*`), and
 *   `perm:<role id>:url:<path>` for nonResourceURLs. The role id is written as it is unless a
 *   `:`-separated part of it is `url`, or it holds `%` or `/`; then `%`, `:` and `/` are
 *   percent-encoded (`perm:role%3AClusterRole%3Aa%3Aurl:/x` for ClusterRole `a:url`), and so
 *   are they in an API group. So no two permissions share an id: see `parsePermissionId`.
 * - `more:<role id>` for "N more resources" of a role whose permissions are cut short
 * - `ns:NAME` for a namespace drawn as one node (aggregated views), and `more:namespaces` for
 *   the namespaces of a very large view that are not drawn one by one
 */

export const NODE_KINDS = [
  'Pod',
  'ServiceAccount',
  'User',
  'Group',
  'RoleBinding',
  'ClusterRoleBinding',
  'Role',
  'ClusterRole',
  'Permission',
  'Namespace',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const SUBJECT_KINDS: readonly SubjectKind[] = ['ServiceAccount', 'User', 'Group'];

export type EdgeKind =
  /** Pod → the ServiceAccount it runs as. */
  | 'runs-as'
  /** ServiceAccount → a group it belongs to (`system:serviceaccounts:NS`). */
  | 'member-of'
  /** Subject → a binding that names it. */
  | 'subject'
  /** Binding → the role it refers to (`missing` when that role does not exist). */
  | 'role-ref'
  /** Role → one of its permissions. */
  | 'grants'
  /** Aggregated ClusterRole → a ClusterRole whose rules it takes. */
  | 'aggregates'
  /** Namespace node → a node its objects connect to (aggregated views). */
  | 'contains';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  namespace?: string;
  /** A role a binding refers to that does not exist, or a ServiceAccount with no object. */
  missing?: boolean;
  /** Part of the built-in policy (`kubernetes.io/bootstrapping: rbac-defaults` or `system:…`). */
  system?: boolean;
  /** Roles: their effective rules in words; aggregated roles say where each rule came from. */
  rules?: string[];
  /** ClusterRoles with an aggregationRule. */
  aggregated?: boolean;
  /** Bindings: their subjects (node ids) and the namespace they grant in ('' = everywhere). */
  subjects?: string[];
  grantsIn?: string;
  /** Bindings: the role node they refer to. */
  roleRef?: string;
  /** Pods: the ServiceAccount node they run as. */
  runsAs?: string;
  /** Permissions: what the role allows on this resource. */
  apiGroup?: string;
  resource?: string;
  nonResourceURL?: string;
  verbs?: string[];
  /** Permissions: set when every rule for this resource names objects. */
  resourceNames?: string[];
  /** `more:` nodes: how many permissions are not drawn. */
  more?: number;
  /** Namespace nodes: what the namespace holds in this view. */
  counts?: Partial<Record<NodeKind, number>>;
  /** Layout: the node's centre. */
  x?: number;
  y?: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  /** What the edge means, in words (shown on hover). */
  explain: string;
  /** A binding to a role that does not exist. */
  missing?: boolean;
  /** Aggregated edges: how many edges of the full graph this one stands for. */
  count?: number;
}

/** A background box of the layout: one namespace, or the cluster-wide grants. */
export interface GraphBand {
  id: string;
  label: string;
  namespace?: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the view shows: the page's and the API's query. */
export interface GraphQuery {
  /** Namespaces to show; empty = all. */
  namespaces: string[];
  /** Subject kinds to show; empty = all. */
  kinds: SubjectKind[];
  /** A node whose neighbourhood alone is shown. */
  focus?: string;
  /** Nodes to highlight (a grant path), and the edges between them. */
  highlight: string[];
  /** Include the built-in policy (bootstrap roles and bindings). */
  system: boolean;
  /** Show every element even past the aggregation threshold (up to a hard cap). */
  all: boolean;
}

export interface GraphMeta {
  /** `detail`: every object its own node; `namespaces`: namespaced objects folded per namespace. */
  mode: 'detail' | 'namespaces';
  /** Nodes + edges drawn. */
  elements: number;
  /** Nodes + edges the view would have without folding namespaces. */
  detailElements: number;
  /** Set when the focus or a highlighted node could not be shown, or the view was folded. */
  notices: string[];
  /** The focused node, when it exists. */
  focus?: string;
  /** Highlighted nodes that are drawn (after resolving permissions and folding). */
  highlight: string[];
  /** Every namespace of the data, for the filter. */
  allNamespaces: string[];
  query: GraphQuery;
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
  bands: GraphBand[];
  meta: GraphMeta;
}

/** Even when asked for everything, a view past this many nodes + edges folds its namespaces. */
export const HARD_LIMIT = 40_000;

export const podId = (namespace: string, name: string) => `pod:${namespace}:${name}`;
export const subjectId = (subject: Subject) => `subject:${subjectKey(subject)}`;
export const bindingId = (b: { kind: string; name: string; namespace?: string }) =>
  b.kind === 'RoleBinding'
    ? `binding:RoleBinding:${b.namespace ?? ''}:${b.name}`
    : `binding:ClusterRoleBinding:${b.name}`;
export const roleId = (r: { kind: string; name: string; namespace?: string }) =>
  r.kind === 'Role' ? `role:Role:${r.namespace ?? ''}:${r.name}` : `role:ClusterRole:${r.name}`;
/** `%`, `:` and `/` percent-encoded, and back: valid names never hold `%` or `/`. */
const escapePart = (s: string) =>
  s.replace(/[%:/]/g, (c) => (c === '%' ? '%25' : c === ':' ? '%3A' : '%2F'));
const unescapePart = (s: string) =>
  s.replace(/%(25|3A|2F)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * How a role id is written in a permission id. Read left to right, a permission id's role id
 * ends before the first `:`-separated part that is `url` (a URL follows) or holds a `/` (an
 * API group and a resource follow): a role id with such a part (ClusterRole `a:url`, whose
 * `/x` would read as URL `/x` of ClusterRole `a`) is written percent-encoded, without `:`.
 */
export function permissionRolePart(role: string): string {
  return /[%/]/.test(role) || role.split(':').includes('url') ? escapePart(role) : role;
}

export const permId = (role: string, apiGroup: string, resource: string) =>
  `perm:${permissionRolePart(role)}:${escapePart(apiGroup)}/${resource}`;
export const urlPermId = (role: string, url: string) =>
  `perm:${permissionRolePart(role)}:url:${url}`;
export const moreId = (role: string) => `more:${role}`;

/**
 * What a permission id (as `permId` and `urlPermId` write it) names: its role id, and its URL,
 * or its API group and the rest (the resource, with any `#names` a node's id adds); undefined
 * for other ids. Each id has one reading (see `permissionRolePart`), whatever the names.
 */
export function parsePermissionId(
  id: string,
):
  | { role: string; nonResourceURL: string }
  | { role: string; apiGroup: string; resource: string }
  | undefined {
  if (!id.startsWith('perm:')) return undefined;
  const body = id.slice('perm:'.length);
  let at = body.indexOf(':');
  while (at > 0) {
    const next = body.indexOf(':', at + 1);
    const part = body.slice(at + 1, next < 0 ? undefined : next);
    if (part === 'url' || part.includes('/')) break;
    at = next;
  }
  if (at <= 0) return undefined;
  const written = body.slice(0, at);
  const role = written.includes('%') ? unescapePart(written) : written;
  const rest = body.slice(at + 1);
  if (rest.startsWith('url:')) return { role, nonResourceURL: rest.slice('url:'.length) };
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  return { role, apiGroup: unescapePart(rest.slice(0, slash)), resource: rest.slice(slash + 1) };
}

/**
 * The role id of a permission node's id (`parsePermissionId`) or of a "more" node's id
 * (`moreId`), when `isRole` says it is a role.
 */
export function roleOfPermissionId(
  id: string,
  isRole: (id: string) => boolean,
): string | undefined {
  const role = id.startsWith('more:') ? id.slice('more:'.length) : parsePermissionId(id)?.role;
  return role !== undefined && isRole(role) ? role : undefined;
}
export const namespaceId = (namespace: string) => `ns:${namespace}`;
export const edgeId = (source: string, target: string) => `${source}->${target}`;

/** The column of the layered layout a node kind sits in (Pod | subject | binding | role | permission). */
export function columnOf(kind: NodeKind): number {
  switch (kind) {
    case 'Pod':
    case 'Namespace':
      return 0;
    case 'ServiceAccount':
    case 'User':
    case 'Group':
      return 1;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return 2;
    case 'Role':
    case 'ClusterRole':
      return 3;
    case 'Permission':
      return 4;
  }
}

export const isSubjectKind = (kind: NodeKind): kind is SubjectKind =>
  kind === 'ServiceAccount' || kind === 'User' || kind === 'Group';
