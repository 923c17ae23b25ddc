import { impersonatedIdentity } from '../rbac/identity';
import type { FullGraph, RawEdge } from './full-graph';
import {
  isSubjectKind,
  moreId,
  parsePermissionId,
  roleOfPermissionId,
  type GraphNode,
  type GraphQuery,
} from './model';

/** How many permissions of a role are drawn before a "N more" node stands for the rest. */
export const PERMISSIONS_SHOWN = 8;

/** The nodes and edges a query selects from the full graph, before any folding or layout. */
export interface ViewSelection {
  nodes: GraphNode[];
  edges: RawEdge[];
  /** The focused node, when it exists. */
  focus?: string;
  /** Highlighted node ids that exist (permission ids resolved to drawn permission nodes). */
  highlight: string[];
  notices: string[];
}

const NS_GROUP_PREFIX = 'system:serviceaccounts:';

/**
 * Resolves a highlighted permission id that names no node, as a checker may build it from a
 * request (`perm:ROLE:/pods/log`), to the role's permission nodes that cover it, as the
 * authorizer matches rules: same or `*` API group, same or `*` resource, `*∕scale` for the scale
 * subresource of any resource (`pods/*` is not a wildcard); a URL ending in `*` is a prefix.
 */
export function resolvePermission(g: FullGraph, id: string): string[] {
  const parsed = parsePermissionId(id);
  return parsed ? permissionsCovering(g, parsed) : [];
}

/** The permission nodes of a role that cover a URL, or a resource of an API group. */
function permissionsCovering(
  g: FullGraph,
  p: NonNullable<ReturnType<typeof parsePermissionId>>,
): string[] {
  const perms = g.permsOf.get(p.role) ?? [];
  if ('nonResourceURL' in p) {
    const url = p.nonResourceURL;
    return perms.filter((id) => {
      const u = g.nodes.get(id)?.nonResourceURL;
      return (
        u !== undefined &&
        (u === url || u === '*' || (u.endsWith('*') && url.startsWith(u.replace(/\*+$/, ''))))
      );
    });
  }
  const { apiGroup: group, resource } = p;
  const sub = resource.split('/')[1];
  return perms.filter((id) => {
    const n = g.nodes.get(id);
    if (!n || n.resource === undefined) return false;
    if (n.apiGroup !== '*' && n.apiGroup !== group) return false;
    const r = n.resource;
    return r === '*' || r === resource || (sub !== undefined && r === `*/${sub}`);
  });
}

/**
 * Selects the view of a query:
 * - without focus, every (non built-in) binding with its subjects, role and permissions, every
 *   Pod with its ServiceAccount, and the Roles of the namespaces shown; a namespace filter keeps
 *   the RoleBindings, Roles, Pods and ServiceAccounts of those namespaces and the
 *   ClusterRoleBindings that name their ServiceAccounts; a kind filter keeps those subjects;
 * - with focus, the node's neighbourhood: everything downstream of it (Pod → ServiceAccount →
 *   groups → bindings → roles → permissions) and everything upstream of it, within the filters.
 * Highlighted nodes are always included. Each role shows at most PERMISSIONS_SHOWN permissions
 * (all of them for the focused role) and a `more:` node for the rest.
 */
export function selectView(g: FullGraph, q: GraphQuery): ViewSelection {
  const notices: string[] = [];
  const ns = new Set(q.namespaces);
  const kinds = new Set(q.kinds);
  const kindAllowed = (n: GraphNode) =>
    kinds.size === 0 ||
    (isSubjectKind(n.kind) ? kinds.has(n.kind) : n.kind !== 'Pod' || kinds.has('ServiceAccount'));
  const nsAllowed = (n: GraphNode) => ns.size === 0 || !n.namespace || ns.has(n.namespace);
  const systemAllowed = (n: GraphNode) => q.system || !n.system;

  const selected = new Set<string>();
  const extraEdges: RawEdge[] = [];
  let focus: string | undefined;
  let uncapped: string | undefined;

  const known = new Set(g.namespaces);
  const unknownNs = q.namespaces.filter((n) => !known.has(n));
  if (unknownNs.length > 0) {
    notices.push(
      unknownNs.length === 1
        ? `There is no namespace ${unknownNs[0]} in this data.`
        : `There are no namespaces ${unknownNs.join(', ')} in this data.`,
    );
  }
  // A role's "+N more" tag stands for the role's other permissions: focusing it focuses the role.
  const wanted = q.focus?.startsWith('more:')
    ? (roleOfPermissionId(q.focus, (r) => g.permsOf.has(r)) ?? q.focus)
    : q.focus;
  if (wanted && !g.nodes.has(wanted)) {
    notices.push(`There is no ${wanted} in this data; showing the whole view instead.`);
  } else if (wanted) {
    focus = wanted;
    const f = g.nodes.get(focus)!;
    if (f.kind === 'Role' || f.kind === 'ClusterRole') uncapped = focus;
    // Focusing a built-in object, or one that only built-in bindings touch (system:masters, the
    // controllers' ServiceAccounts), shows the built-in policy around it.
    const adjacentBindings = [...(g.out.get(focus) ?? []), ...(g.in.get(focus) ?? [])]
      .map((e) => g.nodes.get(e.source === focus ? e.target : e.source)!)
      .filter((n) => n.kind === 'RoleBinding' || n.kind === 'ClusterRoleBinding');
    const onlyBuiltIn = adjacentBindings.length > 0 && adjacentBindings.every((n) => n.system);
    const sys = q.system || !!f.system || onlyBuiltIn;
    const ok = (n: GraphNode) =>
      kindAllowed(n) &&
      nsAllowed(n) &&
      (sys || !n.system || n.kind === 'Role' || n.kind === 'ClusterRole');
    const okEdge = (e: RawEdge, other: GraphNode) =>
      e.kind !== 'aggregates' || sys || !other.system;
    selected.add(focus);
    // Downstream: what the node leads to.
    const down = [focus];
    while (down.length > 0) {
      const id = down.pop()!;
      const here = g.nodes.get(id)!;
      const next: string[] = [];
      for (const e of g.out.get(id) ?? []) {
        const t = g.nodes.get(e.target)!;
        if (ok(t) && okEdge(e, t)) next.push(e.target);
      }
      // The groups a ServiceAccount, or a user, is in without being named in them
      // (system:authenticated, …), when a binding names them.
      const implicit =
        here.kind === 'ServiceAccount'
          ? g.allServiceAccountGroups
          : here.kind === 'User'
            ? impersonatedIdentity(here.label).groups
            : [];
      for (const group of implicit) {
        const gid = `subject:Group:${group}`;
        const gn = g.nodes.get(gid);
        if (!gn || !ok(gn)) continue;
        next.push(gid);
        extraEdges.push({ source: id, target: gid, kind: 'member-of' });
      }
      for (const t of next) {
        if (selected.has(t)) continue;
        selected.add(t);
        down.push(t);
      }
    }
    // A group reached only on the way down that leads nowhere visible (its bindings are
    // built-in or filtered out) says nothing about the focused node.
    for (const id of [...selected]) {
      const n = g.nodes.get(id)!;
      if (n.kind !== 'Group' || id === focus) continue;
      if (!(g.out.get(id) ?? []).some((e) => selected.has(e.target))) selected.delete(id);
    }
    // Upstream: what leads to the node.
    const up = [focus];
    const seenUp = new Set([focus]);
    while (up.length > 0) {
      const id = up.pop()!;
      for (const e of g.in.get(id) ?? []) {
        const s = g.nodes.get(e.source)!;
        if (seenUp.has(e.source) || !ok(s) || !okEdge(e, s)) continue;
        seenUp.add(e.source);
        selected.add(e.source);
        up.push(e.source);
      }
    }
  }

  if (!focus) {
    const includeBinding = (b: GraphNode): boolean => {
      if (!systemAllowed(b)) return false;
      if (ns.size > 0) {
        if (b.kind === 'RoleBinding') return ns.has(b.namespace ?? '');
        const touches = (b.subjects ?? []).some((sid) => {
          const s = g.nodes.get(sid)!;
          if (s.kind === 'ServiceAccount') return ns.has(s.namespace ?? '');
          return (
            s.kind === 'Group' &&
            s.label.startsWith(NS_GROUP_PREFIX) &&
            ns.has(s.label.slice(NS_GROUP_PREFIX.length))
          );
        });
        if (!touches) return false;
      }
      return true;
    };
    const addRoleTree = (roleId: string) => {
      const stack = [roleId];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (selected.has(id)) continue;
        selected.add(id);
        for (const e of g.out.get(id) ?? []) {
          if (e.kind === 'aggregates' && systemAllowed(g.nodes.get(e.target)!))
            stack.push(e.target);
        }
      }
    };
    for (const n of g.nodes.values()) {
      if (n.kind === 'RoleBinding' || n.kind === 'ClusterRoleBinding') {
        if (!includeBinding(n)) continue;
        const subjects = (n.subjects ?? []).filter((sid) => kindAllowed(g.nodes.get(sid)!));
        if (kinds.size > 0 && subjects.length === 0) continue;
        selected.add(n.id);
        for (const sid of subjects) selected.add(sid);
        for (const e of g.out.get(n.id) ?? []) if (e.kind === 'role-ref') addRoleTree(e.target);
      } else if (n.kind === 'Role') {
        if (kinds.size === 0 && nsAllowed(n) && systemAllowed(n) && !n.missing) addRoleTree(n.id);
      } else if (n.kind === 'Pod') {
        if (!nsAllowed(n) || !kindAllowed(n)) continue;
        selected.add(n.id);
        if (n.runsAs) selected.add(n.runsAs);
      } else if (n.kind === 'ServiceAccount') {
        if (ns.size > 0 && nsAllowed(n) && kindAllowed(n)) selected.add(n.id);
      }
    }
  }

  // Highlighted nodes: resolved, and always shown.
  const highlight: string[] = [];
  const unknown: string[] = [];
  for (const id of q.highlight) {
    const ids = g.nodes.has(id) ? [id] : resolvePermission(g, id);
    if (ids.length === 0) unknown.push(id);
    for (const h of ids) {
      if (!highlight.includes(h)) highlight.push(h);
      selected.add(h);
      // A highlighted permission needs its role.
      const role = roleOfPermissionId(h, (r) => g.permsOf.has(r));
      if (role) selected.add(role);
    }
  }
  if (unknown.length > 0) {
    notices.push(
      `${unknown.length === 1 ? 'A highlighted node is' : `${unknown.length} highlighted nodes are`} not in this data: ${unknown.join(', ')}.`,
    );
  }

  // Permissions: the first few of each role, the highlighted ones, and a "more" node.
  const highlighted = new Set(highlight);
  const moreNodes: GraphNode[] = [];
  for (const [role, perms] of g.permsOf) {
    if (!selected.has(role)) continue;
    let shown = 0;
    let hidden = 0;
    for (const p of perms) {
      if (role === uncapped || shown < PERMISSIONS_SHOWN || highlighted.has(p) || p === focus) {
        selected.add(p);
        shown++;
      } else {
        selected.delete(p);
        hidden++;
      }
    }
    if (hidden > 0) {
      const r = g.nodes.get(role)!;
      const more: GraphNode = {
        id: moreId(role),
        kind: 'Permission',
        label: `+${hidden} more`,
        more: hidden,
      };
      if (r.namespace) more.namespace = r.namespace;
      moreNodes.push(more);
      extraEdges.push({ source: role, target: more.id, kind: 'grants' });
    }
  }

  const nodes = [...selected].map((id) => g.nodes.get(id)!).concat(moreNodes);
  const edges: RawEdge[] = [];
  for (const id of selected) {
    for (const e of g.out.get(id) ?? []) if (selected.has(e.target)) edges.push(e);
  }
  const present = new Set(nodes.map((n) => n.id));
  for (const e of extraEdges) if (present.has(e.source) && present.has(e.target)) edges.push(e);
  const result: ViewSelection = { nodes, edges, highlight, notices };
  if (focus) result.focus = focus;
  return result;
}
