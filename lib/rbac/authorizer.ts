import { resolveAggregation, type ResolvedRule } from './aggregation';
import { matchedSubject } from './binding-subject';
import type { BindingRef, RoleRefTo } from './describe';
import { sarReason } from './describe';
import { MASTERS, serviceAccountUser, subjectKey, type Identity } from './identity';
import { findNearMisses, type NearMiss } from './near-misses';
import { isResourceRequest, ruleAllows, type RequestAttributes } from './rule-matching';
import type { AnyBinding, PolicyRule, RbacSnapshot, Subject } from './types';

/** One way a request is allowed: binding → role → rule, for the subject the binding names. */
export interface GrantPath {
  binding: BindingRef;
  role: RoleRefTo;
  rule: PolicyRule;
  /** Index of the rule in the role's effective rules. */
  ruleIndex: number;
  /** For an aggregated ClusterRole, the ClusterRole the rule came from. */
  aggregatedFrom?: string;
  /** The binding's subject that matched the asker. */
  subject: Subject;
}

export interface Decision {
  allowed: boolean;
  /** Every grant path, in the order the API server would visit them. */
  paths: GrantPath[];
  /** For a denial: what would allow it but for one thing. */
  nearMisses: NearMiss[];
  warnings: string[];
  /** Set when the API server allows the request before RBAC is asked (system:masters). */
  bypass?: string;
  /** The reason string a SubjectAccessReview would carry. */
  reason: string;
}

/** A binding's subject, indexed: the binding, its role and the role's effective rules. */
export interface BindingEntry {
  binding: AnyBinding;
  bindingRef: BindingRef;
  subject: Subject;
  /** The namespace the binding grants in; '' for ClusterRoleBindings (everywhere). */
  namespace: string;
  /** Position of the subject in the binding's subjects (the API server reports the first). */
  subjectIndex: number;
  role: RoleRefTo;
  /** The role's effective rules; undefined when the role does not exist. */
  rules: ResolvedRule[] | undefined;
}

/** All bindings naming one user or group, split by where they grant. */
interface Bucket {
  cluster: BindingEntry[];
  byNamespace: Map<string, BindingEntry[]>;
  all: BindingEntry[];
}

export interface WhoCanSubject {
  subject: Subject;
  paths: GrantPath[];
}

export interface WhoCanResult {
  subjects: WhoCanSubject[];
  /** Groups the API server allows everything regardless of RBAC. */
  bypassGroups: string[];
}

export interface RuleGrant {
  rule: PolicyRule;
  path: GrantPath;
}

const bindingRefOf = (b: AnyBinding): BindingRef =>
  b.kind === 'RoleBinding'
    ? { kind: b.kind, name: b.name, namespace: b.namespace }
    : { kind: b.kind, name: b.name };

const pathOf = (e: BindingEntry, r: ResolvedRule): GrantPath => {
  const path: GrantPath = {
    binding: e.bindingRef,
    role: e.role,
    rule: r.rule,
    ruleIndex: r.index,
    subject: e.subject,
  };
  if (r.aggregatedFrom) path.aggregatedFrom = r.aggregatedFrom;
  return path;
};

/**
 * The RBAC authorizer over one snapshot, indexed once so a check is a few map look-ups:
 * bindings are indexed by the user or group they name, then by the namespace they grant in.
 */
export class Authorizer {
  readonly snapshot: RbacSnapshot;
  /** Problems in the data that affect answers (missing roles, stale aggregation…). */
  readonly warnings: string[];
  private readonly byUser = new Map<string, Bucket>();
  private readonly byGroup = new Map<string, Bucket>();
  private readonly clusterEntries: BindingEntry[] = [];
  private readonly namespaceEntries = new Map<string, BindingEntry[]>();
  private readonly clusterRoleRules: Map<string, ResolvedRule[]>;
  private readonly roleRules = new Map<string, ResolvedRule[]>();

  constructor(snapshot: RbacSnapshot) {
    this.snapshot = snapshot;
    const aggregation = resolveAggregation(snapshot.clusterRoles);
    this.clusterRoleRules = aggregation.rules;
    this.warnings = [...aggregation.warnings];
    for (const role of snapshot.roles) {
      this.roleRules.set(
        `${role.namespace}/${role.name}`,
        role.rules.map((rule, index) => ({ rule, index })),
      );
    }
    for (const b of snapshot.clusterRoleBindings) this.indexBinding(b, '');
    for (const b of snapshot.roleBindings) this.indexBinding(b, b.namespace);
  }

  private indexBinding(binding: AnyBinding, namespace: string): void {
    const role: RoleRefTo =
      binding.roleRef.kind === 'Role'
        ? { kind: 'Role', name: binding.roleRef.name, namespace }
        : { kind: 'ClusterRole', name: binding.roleRef.name };
    const rules = this.rulesOfRole(role);
    const bindingRef = bindingRefOf(binding);
    if (!rules) {
      this.warnings.push(
        `${binding.kind} ${namespace ? `${namespace}/` : ''}${binding.name} refers to ${role.kind} ${role.name}, which does not exist: it grants nothing.`,
      );
    }
    const named = new Set<string>();
    for (const [subjectIndex, raw] of binding.subjects.entries()) {
      // As the API server reads it: a ServiceAccount without a namespace is in a RoleBinding's
      // namespace, and in a ClusterRoleBinding matches nobody.
      const subject = matchedSubject(binding, raw);
      if (!subject) {
        this.warnings.push(
          `${binding.kind} ${binding.name} names ServiceAccount ${raw.name} without a namespace: it matches nobody.`,
        );
        continue;
      }
      let index: Map<string, Bucket>;
      let key: string;
      if (subject.kind === 'Group') {
        index = this.byGroup;
        key = subject.name;
      } else if (subject.kind === 'User') {
        index = this.byUser;
        key = subject.name;
      } else {
        // A ServiceAccount subject is its user name.
        index = this.byUser;
        key = serviceAccountUser(subject.namespace ?? '', subject.name);
      }
      // A binding that names the same user or group twice grants once.
      if (named.has(`${subject.kind === 'Group' ? 'g' : 'u'}:${key}`)) continue;
      named.add(`${subject.kind === 'Group' ? 'g' : 'u'}:${key}`);
      const entry: BindingEntry = {
        binding,
        bindingRef,
        subject,
        subjectIndex,
        namespace,
        role,
        rules,
      };
      let bucket = index.get(key);
      if (!bucket) {
        bucket = { cluster: [], byNamespace: new Map(), all: [] };
        index.set(key, bucket);
      }
      bucket.all.push(entry);
      if (namespace === '') {
        bucket.cluster.push(entry);
        this.clusterEntries.push(entry);
      } else {
        push(bucket.byNamespace, namespace, entry);
        push(this.namespaceEntries, namespace, entry);
      }
    }
  }

  /** The effective rules of a role (aggregation resolved), or undefined if it does not exist. */
  rulesOfRole(role: RoleRefTo): ResolvedRule[] | undefined {
    return role.kind === 'ClusterRole'
      ? this.clusterRoleRules.get(role.name)
      : this.roleRules.get(`${role.namespace}/${role.name}`);
  }

  /**
   * Every binding entry that names this identity (its user or one of its groups), in any
   * namespace. A binding that names the identity twice appears once, with its first matching subject.
   */
  entriesFor(identity: Identity): BindingEntry[] {
    const lists = this.bucketsOf(identity).map((b) => b.all);
    if (lists.length <= 1) return lists[0] ?? [];
    // The API server visits ClusterRoleBindings before RoleBindings.
    return mergeEntries(lists).sort(
      (a, b) => Number(a.namespace !== '') - Number(b.namespace !== ''),
    );
  }

  /** The binding entries that grant this identity something in a namespace ('' = cluster-wide only). */
  applicableEntries(identity: Identity, namespace: string): BindingEntry[] {
    // ClusterRoleBindings first, as the API server visits them; no copying in the common case
    // of a single list.
    const lists: BindingEntry[][] = [];
    const buckets = this.bucketsOf(identity);
    for (const b of buckets) if (b.cluster.length > 0) lists.push(b.cluster);
    if (namespace) {
      for (const b of buckets) {
        const list = b.byNamespace.get(namespace);
        if (list) lists.push(list);
      }
    }
    if (lists.length <= 1) return lists[0] ?? [];
    return mergeEntries(lists);
  }

  private bucketsOf(identity: Identity): Bucket[] {
    const buckets: Bucket[] = [];
    const userBucket = identity.user ? this.byUser.get(identity.user) : undefined;
    if (userBucket) buckets.push(userBucket);
    for (const g of identity.groups) {
      const b = this.byGroup.get(g);
      if (b) buckets.push(b);
    }
    return buckets;
  }

  /**
   * Can this identity do this? Exactly the identity's user and groups are used, as a
   * SubjectAccessReview does. With `explain` (the default), a denial lists its near misses.
   */
  canI(
    identity: Identity,
    attributes: RequestAttributes,
    options: { explain?: boolean } = {},
  ): Decision {
    const namespace = isResourceRequest(attributes) ? (attributes.namespace ?? '') : '';
    const paths: GrantPath[] = [];
    for (const entry of this.applicableEntries(identity, namespace)) {
      if (!entry.rules) continue;
      for (const r of entry.rules) {
        if (ruleAllows(r.rule, attributes)) paths.push(pathOf(entry, r));
      }
    }
    const bypass = identity.groups.includes(MASTERS) ? MASTERS : undefined;
    const allowed = paths.length > 0 || bypass !== undefined;
    const warnings: string[] = [];
    if (bypass) {
      warnings.push(
        'The group system:masters is allowed everything by the API server, before RBAC is asked.',
      );
    }
    if (identity.groups.includes('system:nodes')) {
      warnings.push(
        'Requests from nodes are also decided by the Node authorizer, which RBAC answers do not cover.',
      );
    }
    const nearMisses =
      !allowed && options.explain !== false ? findNearMisses(this, identity, attributes) : [];
    const first = paths[0];
    const reason = first ? sarReason(first.binding, first.role, first.subject) : '';
    const decision: Decision = { allowed, paths, nearMisses, warnings, reason };
    if (bypass) decision.bypass = bypass;
    return decision;
  }

  /** Every subject of a binding that allows this request, each with its grant paths. */
  whoCan(attributes: RequestAttributes): WhoCanResult {
    const namespace = isResourceRequest(attributes) ? (attributes.namespace ?? '') : '';
    const entries = namespace
      ? [...this.clusterEntries, ...(this.namespaceEntries.get(namespace) ?? [])]
      : this.clusterEntries;
    // Many bindings share a role: decide each role's rules once per question.
    const allowedRules = new Map<ResolvedRule[], ResolvedRule[]>();
    const bySubject = new Map<string, WhoCanSubject>();
    for (const entry of entries) {
      if (!entry.rules) continue;
      let matching = allowedRules.get(entry.rules);
      if (!matching) {
        matching = entry.rules.filter((r) => ruleAllows(r.rule, attributes));
        allowedRules.set(entry.rules, matching);
      }
      if (matching.length === 0) continue;
      const key = subjectKey(entry.subject);
      let found = bySubject.get(key);
      if (!found) {
        found = { subject: entry.subject, paths: [] };
        bySubject.set(key, found);
      }
      for (const r of matching) found.paths.push(pathOf(entry, r));
    }
    return { subjects: [...bySubject.values()], bypassGroups: [MASTERS] };
  }

  /**
   * The rules that apply to an identity in a namespace ('' = cluster-wide grants only), each
   * with the path it comes through: `kubectl auth can-i --list`, explained.
   */
  rulesFor(identity: Identity, namespace: string): RuleGrant[] {
    const out: RuleGrant[] = [];
    for (const entry of this.applicableEntries(identity, namespace)) {
      for (const r of entry.rules ?? []) out.push({ rule: r.rule, path: pathOf(entry, r) });
    }
    return out;
  }

  /** Namespaces in which RoleBindings grant this identity something. */
  namespacesWithGrants(identity: Identity): string[] {
    const set = new Set<string>();
    for (const e of this.entriesFor(identity)) if (e.namespace) set.add(e.namespace);
    return [...set].sort();
  }

  /** ServiceAccounts of the snapshot that carry a group (for showing who a Group binding covers). */
  serviceAccountsInGroup(group: string): Subject[] {
    const all = group === 'system:serviceaccounts' || group === 'system:authenticated';
    const prefix = 'system:serviceaccounts:';
    const ns = group.startsWith(prefix) ? group.slice(prefix.length) : undefined;
    if (!all && ns === undefined) return [];
    return this.snapshot.serviceAccounts
      .filter((sa) => all || sa.namespace === ns)
      .map((sa) => ({ kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name }));
  }
}

/**
 * Concatenates entry lists, keeping a binding that several lists name once, with its first
 * matching subject (the one the API server reports).
 */
function mergeEntries(lists: BindingEntry[][]): BindingEntry[] {
  const out: BindingEntry[] = [];
  const seen = new Map<AnyBinding, number>();
  for (const list of lists) {
    for (const e of list) {
      const at = seen.get(e.binding);
      if (at === undefined) {
        seen.set(e.binding, out.length);
        out.push(e);
      } else if (e.subjectIndex < out[at]!.subjectIndex) {
        out[at] = e;
      }
    }
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the authorizer for a snapshot. */
export function buildAuthorizer(snapshot: RbacSnapshot): Authorizer {
  return new Authorizer(snapshot);
}
