import type { Authorizer } from '../rbac/authorizer';
import type { ResolvedRule } from '../rbac/aggregation';
import { describeRule } from '../rbac/describe';
import { selectorMatches } from '../rbac/label-selector';
import { describePermission, resourceLabel } from './describe-permission';
import { compare } from './natural-order';
import type { AnyBinding, ClusterRole, Labels, Subject } from '../rbac/types';
import {
  bindingId,
  permId,
  podId,
  roleId,
  subjectId,
  urlPermId,
  type EdgeKind,
  type GraphNode,
} from './model';

/** An edge of the full graph: its id and explanation are made only for edges that are shown. */
export interface RawEdge {
  source: string;
  target: string;
  kind: EdgeKind;
  missing?: boolean;
}

/** Every object of a snapshot as one graph, with adjacency, built once per authorizer. */
export interface FullGraph {
  authorizer: Authorizer;
  nodes: Map<string, GraphNode>;
  edges: RawEdge[];
  out: Map<string, RawEdge[]>;
  in: Map<string, RawEdge[]>;
  /** Permission nodes of each role, in the order they are drawn. */
  permsOf: Map<string, string[]>;
  /** Every namespace named by the data, sorted. */
  namespaces: string[];
  /** Groups every ServiceAccount belongs to, when some binding names them. */
  allServiceAccountGroups: string[];
}

const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';

/** Built-in policy: what the API server creates itself (labelled rbac-defaults, or named system:…). */
export function isSystemObject(o: { name: string; labels?: Labels }): boolean {
  return o.labels?.[BOOTSTRAP_LABEL] === 'rbac-defaults' || o.name.startsWith('system:');
}

const NS_GROUP_PREFIX = 'system:serviceaccounts:';
const ALL_SA_GROUPS = ['system:serviceaccounts', 'system:authenticated'];

interface PermAcc {
  node: GraphNode;
  verbs: Set<string>;
}

/**
 * Groups a role's effective rules by (apiGroup, resource) and by nonResourceURL, as the
 * authorizer reads them: a rule's resources and its URLs each grant (a rule with no apiGroups
 * grants no resource); the verbs of rules that name the same resourceNames (or none) are merged,
 * while rules restricted to other names get a node of their own
 * (`perm:ROLE:GROUP/RESOURCE#NAME+NAME`), so no node claims a verb on names it was not granted.
 */
export function permissionsOf(
  role: string,
  rules: ResolvedRule[],
  namespace?: string,
): GraphNode[] {
  const byKey = new Map<string, PermAcc>();
  const ids = new Set<string>();
  const acc = (key: string, id: string, make: (id: string) => GraphNode): PermAcc => {
    let p = byKey.get(key);
    if (!p) {
      // Names may hold '+' or '#': a clash of two name lists gets a number.
      let unique = id;
      for (let n = 2; ids.has(unique); n++) unique = `${id}#${n}`;
      ids.add(unique);
      p = { node: make(unique), verbs: new Set() };
      byKey.set(key, p);
    }
    return p;
  };
  for (const { rule } of rules) {
    const targets: PermAcc[] = [];
    for (const url of rule.nonResourceURLs ?? []) {
      const id = urlPermId(role, url);
      targets.push(
        acc(`url\0${url}`, id, (id) => ({
          id,
          kind: 'Permission',
          label: url,
          nonResourceURL: url,
        })),
      );
    }
    const names =
      rule.resourceNames && rule.resourceNames.length > 0
        ? [...new Set(rule.resourceNames)].sort()
        : undefined;
    for (const g of rule.apiGroups ?? []) {
      for (const r of rule.resources ?? []) {
        const base = permId(role, g, r);
        targets.push(
          acc(
            // Not `url\0…`: a resource of an API group named url is not a URL.
            ['res', g, r, ...(names ?? [])].join('\0'),
            names ? `${base}#${names.join('+')}` : base,
            (id) => ({
              id,
              kind: 'Permission',
              label: resourceLabel(g, r),
              apiGroup: g,
              resource: r,
              ...(names ? { resourceNames: names } : {}),
              ...(namespace ? { namespace } : {}),
            }),
          ),
        );
      }
    }
    for (const t of targets) for (const v of rule.verbs) t.verbs.add(v);
  }
  const out: GraphNode[] = [];
  for (const p of byKey.values()) {
    p.node.verbs = p.verbs.has('*') ? ['*'] : [...p.verbs];
    out.push(p.node);
  }
  // Wildcards first (they matter most), then by resource, every name before a few.
  const rank = (n: GraphNode) => (n.resource === '*' || n.nonResourceURL === '*' ? 0 : 1);
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Number(!!a.nonResourceURL) - Number(!!b.nonResourceURL) ||
      compare(a.label, b.label) ||
      Number(!!a.resourceNames) - Number(!!b.resourceNames) ||
      compare(a.id, b.id),
  );
}

/** Builds the graph of every object of the authorizer's snapshot. */
export function buildFullGraph(authorizer: Authorizer): FullGraph {
  const s = authorizer.snapshot;
  const nodes = new Map<string, GraphNode>();
  const edges: RawEdge[] = [];
  const out = new Map<string, RawEdge[]>();
  const inc = new Map<string, RawEdge[]>();
  const permsOf = new Map<string, string[]>();
  const namespaces = new Set<string>(s.namespaces.map((n) => n.name));

  const addNode = (n: GraphNode): GraphNode => {
    const existing = nodes.get(n.id);
    if (existing) return existing;
    nodes.set(n.id, n);
    if (n.namespace) namespaces.add(n.namespace);
    return n;
  };
  const addEdge = (source: string, target: string, kind: EdgeKind, missing = false) => {
    const list = out.get(source);
    // Out-degrees are small except for roles (permissions, added once each) and subjects.
    if (kind === 'subject' && list?.some((e) => e.target === target)) return;
    const e: RawEdge = { source, target, kind };
    if (missing) e.missing = true;
    edges.push(e);
    if (list) list.push(e);
    else out.set(source, [e]);
    const into = inc.get(target);
    if (into) into.push(e);
    else inc.set(target, [e]);
  };

  const saObjects = new Set(s.serviceAccounts.map((sa) => `${sa.namespace}/${sa.name}`));
  const subjectNode = (subject: Subject): GraphNode => {
    const id = subjectId(subject);
    const found = nodes.get(id);
    if (found) return found;
    const n: GraphNode = { id, kind: subject.kind, label: subject.name };
    if (subject.kind === 'ServiceAccount') {
      n.namespace = subject.namespace ?? '';
      if (!saObjects.has(`${subject.namespace}/${subject.name}`)) n.missing = true;
    }
    return addNode(n);
  };

  for (const sa of s.serviceAccounts) {
    subjectNode({ kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name });
  }

  // Roles and their permissions (the effective rules, aggregation resolved).
  const addRole = (
    ref: { kind: 'Role' | 'ClusterRole'; name: string; namespace?: string },
    labels?: Labels,
    aggregated = false,
  ): GraphNode => {
    const id = roleId(ref);
    const found = nodes.get(id);
    if (found) return found;
    const n: GraphNode = { id, kind: ref.kind, label: ref.name };
    if (ref.kind === 'Role') n.namespace = ref.namespace ?? '';
    if (isSystemObject({ name: ref.name, labels })) n.system = true;
    if (aggregated) n.aggregated = true;
    const rules = authorizer.rulesOfRole(ref);
    if (!rules) {
      n.missing = true;
      return addNode(n);
    }
    addNode(n);
    const perms = permissionsOf(id, rules, n.namespace);
    permsOf.set(
      id,
      perms.map((p) => p.id),
    );
    for (const p of perms) {
      addNode(p);
      addEdge(id, p.id, 'grants');
    }
    return n;
  };
  for (const r of s.roles) {
    addRole({ kind: 'Role', name: r.name, namespace: r.namespace }, r.labels);
  }
  for (const r of s.clusterRoles) {
    addRole({ kind: 'ClusterRole', name: r.name }, r.labels, !!r.aggregationRule);
  }

  // Aggregation: aggregated ClusterRole → each ClusterRole its selectors pick.
  for (const agg of s.clusterRoles) {
    if (!agg.aggregationRule) continue;
    const members = new Set<ClusterRole>();
    for (const sel of agg.aggregationRule.clusterRoleSelectors) {
      for (const c of s.clusterRoles) {
        if (c.name !== agg.name && selectorMatches(sel, c.labels)) members.add(c);
      }
    }
    for (const m of [...members].sort((a, b) => compare(a.name, b.name))) {
      addEdge(roleId(agg), roleId(m), 'aggregates');
    }
  }

  // Bindings: subject → binding → role.
  const groupsNamed = new Set<string>();
  const bindings: AnyBinding[] = [...s.clusterRoleBindings, ...s.roleBindings];
  for (const b of bindings) {
    const id = bindingId(b);
    const subjects: string[] = [];
    const node: GraphNode = {
      id,
      kind: b.kind,
      label: b.name,
      subjects,
      grantsIn: b.kind === 'RoleBinding' ? b.namespace : '',
    };
    if (b.kind === 'RoleBinding') node.namespace = b.namespace;
    if (isSystemObject(b)) node.system = true;
    addNode(node);
    for (const subject of b.subjects) {
      const sn = subjectNode(subject);
      if (!subjects.includes(sn.id)) subjects.push(sn.id);
      if (subject.kind === 'Group') groupsNamed.add(subject.name);
      addEdge(sn.id, id, 'subject');
    }
    const ref =
      b.roleRef.kind === 'Role'
        ? {
            kind: 'Role' as const,
            name: b.roleRef.name,
            namespace: b.kind === 'RoleBinding' ? b.namespace : '',
          }
        : { kind: 'ClusterRole' as const, name: b.roleRef.name };
    const role = addRole(ref);
    node.roleRef = role.id;
    addEdge(id, role.id, 'role-ref', !!role.missing);
  }

  // Pods → the ServiceAccount they run as.
  for (const p of s.pods) {
    const id = podId(p.namespace, p.name);
    const sa = subjectNode({
      kind: 'ServiceAccount',
      namespace: p.namespace,
      name: p.serviceAccountName,
    });
    addNode({ id, kind: 'Pod', label: p.name, namespace: p.namespace, runsAs: sa.id });
    addEdge(id, sa.id, 'runs-as');
  }

  // ServiceAccount → its namespace's group, when a binding names that group.
  for (const n of [...nodes.values()]) {
    if (n.kind !== 'ServiceAccount' || !n.namespace) continue;
    const group = `${NS_GROUP_PREFIX}${n.namespace}`;
    if (groupsNamed.has(group))
      addEdge(n.id, subjectId({ kind: 'Group', name: group }), 'member-of');
  }

  return {
    authorizer,
    nodes,
    edges,
    out,
    in: inc,
    permsOf,
    namespaces: [...namespaces].filter(Boolean).sort(compare),
    allServiceAccountGroups: ALL_SA_GROUPS.filter((g) => groupsNamed.has(g)),
  };
}

function bindingWords(b: GraphNode): string {
  return b.kind === 'RoleBinding'
    ? `RoleBinding ${b.label} (namespace ${b.namespace})`
    : `ClusterRoleBinding ${b.label}`;
}

function subjectWords(n: GraphNode): string {
  return n.kind === 'ServiceAccount'
    ? `ServiceAccount ${n.namespace ?? ''}/${n.label}`
    : `${n.kind} ${n.label}`;
}

/** What an edge means, in words: "RoleBinding read-pods (namespace team-b) binds … — grants in namespace team-b". */
export function explainEdge(e: RawEdge, source: GraphNode, target: GraphNode): string {
  switch (e.kind) {
    case 'runs-as':
      return `Pod ${source.namespace}/${source.label} runs as ${subjectWords(target)}`;
    case 'member-of':
      return target.label === `${NS_GROUP_PREFIX}${source.namespace}`
        ? `Every ServiceAccount of namespace ${source.namespace} is in the group ${target.label}`
        : `Every ServiceAccount is in the group ${target.label}`;
    case 'subject': {
      const where =
        target.kind === 'RoleBinding'
          ? `grants in namespace ${target.namespace}`
          : 'grants in every namespace and cluster-wide';
      return `${bindingWords(target)} binds ${subjectWords(source)} — ${where}`;
    }
    case 'role-ref': {
      const what = `${target.kind} ${target.label}`;
      if (target.missing)
        return `${bindingWords(source)} refers to ${what}, which does not exist: it grants nothing`;
      if (source.kind === 'ClusterRoleBinding') {
        return `${bindingWords(source)} grants ${what} in every namespace and cluster-wide`;
      }
      return target.kind === 'ClusterRole'
        ? `${bindingWords(source)} grants the rules of ${what} in namespace ${source.namespace} only`
        : `${bindingWords(source)} grants ${what} in namespace ${source.namespace}`;
    }
    case 'grants':
      return target.more
        ? `${source.kind} ${source.label} allows ${target.more} more resources: focus it to see them all`
        : `${source.kind} ${source.label} allows ${describePermission(target)}`;
    case 'aggregates':
      return `ClusterRole ${source.label} aggregates the rules of ClusterRole ${target.label} (its labels match the aggregation selector)`;
    case 'contains':
      return `${source.label} → ${target.label}`;
  }
}

/** A role's effective rules in words, saying where aggregated rules came from. */
export function ruleWords(g: FullGraph, role: GraphNode): string[] {
  if (role.kind !== 'Role' && role.kind !== 'ClusterRole') return [];
  const rules = g.authorizer.rulesOfRole(
    role.kind === 'Role'
      ? { kind: 'Role', name: role.label, namespace: role.namespace ?? '' }
      : { kind: 'ClusterRole', name: role.label },
  );
  return (rules ?? []).map(
    (r) => describeRule(r.rule) + (r.aggregatedFrom ? ` (from ${r.aggregatedFrom})` : ''),
  );
}

const cache = new WeakMap<Authorizer, FullGraph>();

/** The full graph of an authorizer's snapshot, built on first use and kept with the authorizer. */
export function fullGraphOf(authorizer: Authorizer): FullGraph {
  let g = cache.get(authorizer);
  if (!g) {
    g = buildFullGraph(authorizer);
    cache.set(authorizer, g);
  }
  return g;
}
