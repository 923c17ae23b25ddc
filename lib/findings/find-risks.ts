import type { Authorizer, GrantPath } from '../rbac/authorizer';
import { matchedSubject } from '../rbac/binding-subject';
import { describeBinding, describeSubject } from '../rbac/describe';
import { subjectKey, type Identity } from '../rbac/identity';
import { isSystemSubject } from '../rbac/system-subjects';
import { ruleAllows, type ResourceAttributes } from '../rbac/rule-matching';
import type { AnyBinding, RbacSnapshot, Subject } from '../rbac/types';
import {
  attributesOf,
  RISK_CHECKS,
  severityRank,
  type RiskCheck,
  type RiskRequest,
  type Severity,
} from './risk-checks';

/** One risky grant (or a hygiene problem), with the engine's grant paths behind it. */
export interface Finding {
  id: string;
  rule: string;
  severity: Severity;
  /** Who holds the risky grant; absent for findings about a role alone. */
  subject?: Subject;
  /** The role or binding a finding is about, when it is about one. */
  object?: { kind: string; name: string; namespace?: string };
  /** Where it applies: '' for cluster-wide. */
  namespace: string;
  message: string;
  why: string;
  paths: GrantPath[];
  /** A request that is allowed, for "check this" links. */
  request?: ResourceAttributes;
  /** Built-in system subjects and bootstrap bindings: expected, not alarms. */
  expected: boolean;
}

const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';

const isBootstrap = (b: AnyBinding) => b.labels?.[BOOTSTRAP_LABEL] === 'rbac-defaults';

/** The identity a finding is about: the subject alone (a ServiceAccount with its groups). */
function identityFor(s: Subject): Identity {
  if (s.kind === 'ServiceAccount') {
    return {
      user: `system:serviceaccount:${s.namespace}:${s.name}`,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${s.namespace}`],
    };
  }
  return s.kind === 'User' ? { user: s.name, groups: [] } : { user: '', groups: [s.name] };
}

const where = (ns: string) => (ns ? `in namespace ${ns}` : 'cluster-wide');

/** Per named request: every name some rule of the snapshot limits that request to. */
type ListedNames = Map<RiskRequest, string[]>;

/**
 * The names to ask a named request about. The engine stays exact: a rule limited by
 * resourceNames allows the request only for one of them, so asking each name a rule lists
 * finds every such grant.
 */
function listedNames(snapshot: RbacSnapshot): ListedNames {
  const limited = [...snapshot.roles, ...snapshot.clusterRoles]
    .flatMap((r) => r.rules)
    .filter((r) => (r.resourceNames?.length ?? 0) > 0);
  const out: ListedNames = new Map();
  for (const c of RISK_CHECKS) {
    for (const req of c.requests) {
      if (!req.named) continue;
      const names = new Set<string>();
      for (const rule of limited) {
        for (const n of rule.resourceNames ?? []) {
          if (ruleAllows(rule, attributesOf(req, '', n))) names.add(n);
        }
      }
      if (names.size > 0) out.set(req, [...names].sort());
    }
  }
  return out;
}

interface CheckResult {
  paths: GrantPath[];
  /** A request that is allowed, for "check this" links. */
  request?: ResourceAttributes;
  /** Set when the grants hold only for some names: `resource name, name; resource name`. */
  limit?: string;
}

/**
 * Asks the engine a check's requests in a namespace ('' = cluster-wide). In a namespace,
 * cluster-scoped requests are left out: the API server never asks them with a namespace.
 */
function check(
  authz: Authorizer,
  identity: Identity,
  c: RiskCheck,
  namespace: string,
  names: ListedNames,
): CheckResult {
  const requests = namespace ? c.requests.filter((r) => !r.clusterScoped) : c.requests;
  if (requests.length === 0 || (c.requireAll && requests.length < c.requests.length)) {
    return { paths: [] };
  }
  const ask = (attrs: ResourceAttributes) => authz.canI(identity, attrs, { explain: false }).paths;
  const paths: GrantPath[] = [];
  let request: ResourceAttributes | undefined;
  let named: ResourceAttributes | undefined;
  let unlimited = false;
  // Names by resource, of the requests allowed only for some names.
  const limitedTo = new Map<string, Set<string>>();
  for (const r of requests) {
    const attrs = attributesOf(r, namespace);
    const found = ask(attrs);
    if (found.length > 0) {
      request ??= attrs;
      unlimited = true;
      paths.push(...found);
      continue;
    }
    let allowed = false;
    for (const n of names.get(r) ?? []) {
      const one = attributesOf(r, namespace, n);
      const forName = ask(one);
      if (forName.length === 0) continue;
      allowed = true;
      named ??= one;
      paths.push(...forName);
      const set = limitedTo.get(r.resource) ?? new Set<string>();
      limitedTo.set(r.resource, set.add(n));
    }
    if (c.requireAll && !allowed) return { paths: [] };
  }
  // A path per binding and rule is enough to show why.
  const seen = new Set<string>();
  const unique = paths.filter((p) => {
    const k = `${p.binding.kind}/${p.binding.namespace}/${p.binding.name}/${p.role.name}/${p.ruleIndex}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  // One request allowed for every name makes the finding unlimited, unless all are needed.
  const limit =
    limitedTo.size > 0 && (c.requireAll || !unlimited) ? describeLimit(limitedTo) : undefined;
  const chosen = request ?? named;
  return {
    paths: unique,
    ...(chosen ? { request: chosen } : {}),
    ...(limit ? { limit } : {}),
  };
}

/** `admin, cluster-admin` for one resource; `clusterroles cluster-admin; users admin` for more. */
function describeLimit(limitedTo: Map<string, Set<string>>): string {
  const byResource = [...limitedTo.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([resource, set]) => [resource, [...set].sort().join(', ')] as const);
  if (byResource.length === 1) return byResource[0]![1];
  return byResource.map(([resource, list]) => `${resource} ${list}`).join('; ');
}

/**
 * Every risky permission of every subject, through the engine (so wildcards, aggregation and
 * group bindings count), plus hygiene findings: grants to anonymous or all authenticated users,
 * `default` ServiceAccounts holding permissions, bindings to missing roles or ServiceAccounts,
 * binding subjects that match nobody, and roles nothing binds. Sorted worst first.
 */
export function findRisks(authz: Authorizer): Finding[] {
  const { snapshot } = authz;
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'id'>) =>
    findings.push({
      ...f,
      id: [
        f.rule,
        f.subject ? subjectKey(f.subject) : '',
        f.object?.kind ?? '',
        f.object?.name ?? '',
        f.namespace,
      ].join('|'),
    });

  const subjects = new Map<string, Subject>();
  for (const b of [...snapshot.clusterRoleBindings, ...snapshot.roleBindings]) {
    for (const named of b.subjects) {
      // A subject that matches nobody holds nothing (hygiene reports it).
      const s = matchedSubject(b, named);
      if (s) subjects.set(subjectKey(s), s);
    }
  }

  const names = listedNames(snapshot);
  for (const subject of subjects.values()) {
    const identity = identityFor(subject);
    const namespaces = authz.namespacesWithGrants(identity);
    const system = isSystemSubject(subject);
    // Doing everything somewhere implies every other risk there: report it once.
    const everywhere = new Set<string>();
    for (const c of RISK_CHECKS) {
      const cluster: CheckResult = everywhere.has('')
        ? { paths: [] }
        : check(authz, identity, c, '', names);
      const report = (namespace: string, { paths, request, limit }: CheckResult) =>
        add({
          rule: c.rule,
          severity: namespace ? c.severity.namespace : c.severity.cluster,
          subject,
          namespace,
          message: `${describeSubject(subject)} ${c.title} ${where(namespace)}${limit ? `, only for ${limit}` : ''}.`,
          why: c.why,
          paths,
          ...(request ? { request } : {}),
          expected: system || paths.every((p) => isBootstrapPath(authz, p)),
        });
      if (cluster.paths.length > 0) {
        report('', cluster);
        if (c.rule === 'everything') everywhere.add('');
        // Cluster-wide covers every namespace, unless it holds only for some names.
        if (!cluster.limit) continue;
      }
      if (everywhere.has('')) continue;
      for (const ns of namespaces) {
        if (everywhere.has(ns)) continue;
        const found = check(authz, identity, c, ns, names);
        if (found.paths.length === 0) continue;
        // Only the cluster-wide grant again (limited to names, so asked here too), or the
        // same names granted here too: nothing more to report.
        const fromHere = found.paths.some((p) => p.binding.kind === 'RoleBinding');
        if (cluster.paths.length > 0 && (!fromHere || found.limit === cluster.limit)) continue;
        report(ns, found);
        if (c.rule === 'everything') everywhere.add(ns);
      }
    }
  }

  hygiene(authz, add);
  return findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      Number(a.expected) - Number(b.expected) ||
      a.rule.localeCompare(b.rule) ||
      a.id.localeCompare(b.id),
  );
}

function isBootstrapPath(authz: Authorizer, p: GrantPath): boolean {
  const b =
    p.binding.kind === 'ClusterRoleBinding'
      ? authz.snapshot.clusterRoleBindings.find((x) => x.name === p.binding.name)
      : authz.snapshot.roleBindings.find(
          (x) => x.name === p.binding.name && x.namespace === p.binding.namespace,
        );
  return !!b && isBootstrap(b);
}

const PUBLIC_GROUPS = new Set([
  'system:anonymous',
  'system:unauthenticated',
  'system:authenticated',
]);

function hygiene(authz: Authorizer, add: (f: Omit<Finding, 'id'>) => void): void {
  const { snapshot } = authz;
  const bindings: AnyBinding[] = [...snapshot.clusterRoleBindings, ...snapshot.roleBindings];
  const serviceAccounts = new Set(
    snapshot.serviceAccounts.map((sa) => `${sa.namespace}/${sa.name}`),
  );
  const ref = (b: AnyBinding) =>
    b.kind === 'RoleBinding'
      ? { kind: b.kind, name: b.name, namespace: b.namespace }
      : { kind: b.kind, name: b.name };
  const pathsOf = (b: AnyBinding, s: Subject): GrantPath[] => {
    const role =
      b.roleRef.kind === 'Role'
        ? {
            kind: 'Role' as const,
            name: b.roleRef.name,
            namespace: (b as { namespace: string }).namespace,
          }
        : { kind: 'ClusterRole' as const, name: b.roleRef.name };
    return (authz.rulesOfRole(role) ?? []).map((r) => ({
      binding: ref(b),
      role,
      rule: r.rule,
      ruleIndex: r.index,
      subject: s,
    }));
  };
  const bound = new Set<string>();
  for (const b of bindings) {
    const ns = b.kind === 'RoleBinding' ? b.namespace : '';
    bound.add(
      b.roleRef.kind === 'Role' ? `Role:${ns}/${b.roleRef.name}` : `ClusterRole:${b.roleRef.name}`,
    );
    for (const s of b.subjects) {
      if ((s.kind === 'Group' || s.kind === 'User') && PUBLIC_GROUPS.has(s.name)) {
        const paths = pathsOf(b, s);
        if (paths.length === 0) continue;
        add({
          rule: 'public-grant',
          severity: s.name === 'system:authenticated' ? 'medium' : 'high',
          subject: s,
          object: ref(b),
          namespace: ns,
          message: `${describeBinding(ref(b))} grants ${b.roleRef.kind} ${b.roleRef.name} to ${s.name}.`,
          why:
            s.name === 'system:authenticated'
              ? 'Every authenticated user and every ServiceAccount of every namespace holds this.'
              : 'Anyone who can reach the API server, without credentials, holds this.',
          paths,
          expected: isBootstrap(b),
        });
      }
      // Once per binding, even if it names the subject twice.
      if (!matchedSubject(b, s) && b.subjects.find((x) => subjectKey(x) === subjectKey(s)) === s) {
        add({
          rule: 'unmatched-subject',
          severity: 'low',
          subject: s,
          object: ref(b),
          namespace: ns,
          message: `${describeBinding(ref(b))} names ServiceAccount ${s.name} without a namespace, so it matches no ServiceAccount.`,
          why: 'It grants nothing, so the ServiceAccount it was meant for lacks these permissions; the API server refuses to create such a ClusterRoleBinding, so this one comes from a file.',
          paths: [],
          expected: isBootstrap(b),
        });
      }
      if (
        s.kind === 'ServiceAccount' &&
        s.namespace &&
        snapshot.serviceAccounts.length > 0 &&
        !serviceAccounts.has(`${s.namespace}/${s.name}`)
      ) {
        add({
          rule: 'missing-serviceaccount',
          severity: 'low',
          subject: s,
          object: ref(b),
          namespace: ns,
          message: `${describeBinding(ref(b))} names ServiceAccount ${s.namespace}/${s.name}, which does not exist.`,
          why: 'Whoever creates a ServiceAccount of that name later gets these permissions at once.',
          paths: pathsOf(b, s),
          expected: isBootstrap(b) || isSystemSubject(s),
        });
      }
    }
    if (
      !authz.rulesOfRole(
        b.roleRef.kind === 'Role'
          ? { kind: 'Role', name: b.roleRef.name, namespace: ns }
          : { kind: 'ClusterRole', name: b.roleRef.name },
      )
    ) {
      for (const s of b.subjects.slice(0, 1)) {
        add({
          rule: 'missing-role',
          severity: 'low',
          subject: s,
          object: ref(b),
          namespace: ns,
          message: `${describeBinding(ref(b))} refers to ${b.roleRef.kind} ${b.roleRef.name}, which does not exist.`,
          why: 'It grants nothing today; whoever creates a role of that name decides what it grants.',
          paths: [],
          expected: isBootstrap(b),
        });
      }
    }
  }
  for (const sa of snapshot.serviceAccounts.filter((x) => x.name === 'default')) {
    const subject: Subject = { kind: 'ServiceAccount', namespace: sa.namespace, name: 'default' };
    const identity = { user: `system:serviceaccount:${sa.namespace}:default`, groups: [] };
    const own = authz.entriesFor(identity).filter((e) => e.rules && e.rules.length > 0);
    if (own.length === 0) continue;
    add({
      rule: 'default-serviceaccount',
      severity: 'medium',
      subject,
      namespace: sa.namespace,
      message: `The default ServiceAccount of ${sa.namespace} is granted permissions.`,
      why: 'Every Pod of the namespace that names no ServiceAccount runs as default and gets them.',
      paths: own.flatMap((e) =>
        (e.rules ?? []).map((r) => ({
          binding: e.bindingRef,
          role: e.role,
          rule: r.rule,
          ruleIndex: r.index,
          subject,
        })),
      ),
      expected: sa.namespace === 'kube-system',
    });
  }
  // ClusterRoles labelled to aggregate into another are used through it.
  const aggregatedInto = new Set(
    snapshot.clusterRoles
      .filter((r) => Object.keys(r.labels ?? {}).some((k) => k.includes('aggregate-to')))
      .map((r) => r.name),
  );
  const unbound = [
    ...snapshot.roles
      .filter((r) => !bound.has(`Role:${r.namespace}/${r.name}`))
      .map((r) => ({ r, ns: r.namespace, kind: 'Role' as const })),
    ...snapshot.clusterRoles
      .filter((r) => !bound.has(`ClusterRole:${r.name}`) && !aggregatedInto.has(r.name))
      .map((r) => ({ r, ns: '', kind: 'ClusterRole' as const })),
  ];
  for (const { r, ns, kind } of unbound) {
    add({
      rule: 'unused-role',
      severity: 'low',
      object: ns ? { kind, name: r.name, namespace: ns } : { kind, name: r.name },
      namespace: ns,
      message: `${kind} ${ns ? `${ns}/` : ''}${r.name} is bound to nobody.`,
      why: 'Unused roles are clutter that reviews miss, and a ready-made grant for a careless binding.',
      paths: [],
      expected: r.labels?.[BOOTSTRAP_LABEL] === 'rbac-defaults' || r.name.startsWith('system:'),
    });
  }
}
