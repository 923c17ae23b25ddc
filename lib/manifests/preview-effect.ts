import { Authorizer } from '../rbac/authorizer';
import { describePath, describeSubject } from '../rbac/describe';
import { findRisks, type Finding } from '../findings/find-risks';
import { identityOf, serviceAccountUser, subjectKey } from '../rbac/identity';
import {
  permissionsMatrix,
  type MatrixCell,
  type PermissionsMatrix,
} from '../rbac/permissions-matrix';
import { apiGroupMatches, nonResourceURLMatches, resourceMatches } from '../rbac/rule-matching';
import type {
  AnyBinding,
  ClusterRole,
  ClusterRoleBinding,
  PolicyRule,
  RbacSnapshot,
  Role,
  RoleBinding,
  Subject,
} from '../rbac/types';
import { aggregatingRoles } from './aggregating-roles';
import { buildObjects, type ManifestObject, type PolicyRuleObject } from './build-objects';
import type { WizardSpec } from './wizard-spec';

/** What applying one object would do to the current data. */
export interface ObjectStatus {
  kind: ManifestObject['kind'];
  name: string;
  namespace?: string;
  status: 'new' | 'unchanged' | 'changed';
  /** Why applying it may not go as planned. */
  note?: string;
}

/** One cell of the permission matrix that applying the draft changes. */
export interface GrantChange {
  change: 'added' | 'removed' | 'changed';
  /** '' for cluster-wide grants. */
  namespace: string;
  apiGroup: string;
  /** `resource` or `resource/subresource`, or a URL for non-resource grants. */
  resource: string;
  nonResource?: true;
  verb: string;
  /** The access after the change (before it, for a removal). */
  access: 'all' | 'some';
  resourceNames?: string[];
  /** For a change: the access before it. */
  was?: { access: 'all' | 'some'; resourceNames?: string[] };
  /** Where the access after the change comes from, in words. */
  via: string[];
}

/** How one subject's permissions look before and after applying the draft. */
export interface SubjectEffect {
  subject: Subject;
  /** `ServiceAccount default/myapp1`. */
  label: string;
  before: PermissionsMatrix;
  after: PermissionsMatrix;
  changes: GrantChange[];
  /** Not named by the draft: a subject whose grants change because an existing object is replaced. */
  affected?: true;
}

/** Subjects of replaced objects examined at most (each costs two matrices). */
const MAX_AFFECTED = 20;

/** A risky permission of a draft's subject after applying it, from the findings engine. */
export interface RiskWarning {
  finding: Finding;
  /** False when the subject holds it already today. */
  isNew: boolean;
  /** The subject is not named by the draft: it gains the risk through a replaced object. */
  affected?: true;
}

export interface PreviewEffect {
  objects: ObjectStatus[];
  /**
   * The draft's ServiceAccount first, then every other subject of its binding, then (marked
   * `affected`) subjects whose grants change because the draft replaces an existing object.
   */
  subjects: SubjectEffect[];
  /** Subjects of replaced objects beyond those examined. */
  unexamined?: number;
  /**
   * The findings engine's risks of the draft's subjects after applying it, then (marked
   * `affected`) the risks the draft newly gives the affected subjects examined.
   */
  risks: RiskWarning[];
}

// ---- The draft's objects as engine types ----

const ruleOf = (r: PolicyRuleObject): PolicyRule =>
  r.resourceNames
    ? {
        verbs: [...r.verbs],
        apiGroups: [...r.apiGroups],
        resources: [...r.resources],
        resourceNames: [...r.resourceNames],
      }
    : { verbs: [...r.verbs], apiGroups: [...r.apiGroups], resources: [...r.resources] };

const subjectsOf = (b: {
  subjects: { kind: Subject['kind']; name: string; namespace?: string }[];
}) =>
  b.subjects.map((s): Subject =>
    s.kind === 'ServiceAccount'
      ? { kind: s.kind, name: s.name, namespace: s.namespace ?? '' }
      : { kind: s.kind, name: s.name },
  );

const canonicalRules = (rules: PolicyRule[]) =>
  JSON.stringify(
    rules.map((r) =>
      [
        r.apiGroups ?? [],
        r.resources ?? [],
        r.resourceNames ?? [],
        r.verbs,
        r.nonResourceURLs ?? [],
      ].map((l) => [...l].sort()),
    ),
  );
const canonicalSubjects = (subjects: Subject[]) => JSON.stringify(subjects.map(subjectKey).sort());

/** Puts `value` in `list` in place of the element `same` finds, or at the end; says which. */
function upsert<T>(list: T[], value: T, same: (x: T) => boolean): T | undefined {
  const at = list.findIndex(same);
  if (at < 0) {
    list.push(value);
    return undefined;
  }
  const old = list[at];
  list[at] = value;
  return old;
}

/**
 * A copy of the snapshot with the draft's objects applied: an object of the same kind, namespace
 * and name is replaced (as `kubectl apply` would update it), anything else is added.
 */
export function applyToSnapshot(
  snapshot: RbacSnapshot,
  objects: ManifestObject[],
): { snapshot: RbacSnapshot; statuses: ObjectStatus[]; affected: Subject[] } {
  const next: RbacSnapshot = {
    ...snapshot,
    serviceAccounts: [...snapshot.serviceAccounts],
    roles: [...snapshot.roles],
    clusterRoles: [...snapshot.clusterRoles],
    roleBindings: [...snapshot.roleBindings],
    clusterRoleBindings: [...snapshot.clusterRoleBindings],
    pods: [...snapshot.pods],
  };
  const statuses: ObjectStatus[] = [];
  // Subjects of the bindings a change reaches: the old subjects of a replaced binding, and
  // everyone bound to a replaced role or to a ClusterRole that aggregates it.
  const affected: Subject[] = [];
  const boundTo = (kind: 'Role' | 'ClusterRole', name: string, namespace?: string) => {
    const bindings: AnyBinding[] = [
      ...snapshot.roleBindings.filter((b) => kind === 'ClusterRole' || b.namespace === namespace),
      ...(kind === 'ClusterRole' ? snapshot.clusterRoleBindings : []),
    ];
    for (const b of bindings) {
      if (b.roleRef.kind === kind && b.roleRef.name === name) affected.push(...b.subjects);
    }
  };
  for (const o of objects) {
    const { name } = o.metadata;
    const namespace = 'namespace' in o.metadata ? o.metadata.namespace : undefined;
    const status: ObjectStatus =
      namespace === undefined
        ? { kind: o.kind, name, status: 'new' }
        : { kind: o.kind, name, namespace, status: 'new' };
    statuses.push(status);
    switch (o.kind) {
      case 'ServiceAccount': {
        const old = upsert(
          next.serviceAccounts,
          { name, namespace: o.metadata.namespace },
          (x) => x.name === name && x.namespace === namespace,
        );
        if (old) status.status = 'unchanged';
        break;
      }
      case 'Role': {
        const role: Role = {
          kind: 'Role',
          name,
          namespace: o.metadata.namespace,
          rules: o.rules.map(ruleOf),
        };
        const old = upsert(next.roles, role, (x) => x.name === name && x.namespace === namespace);
        if (old) {
          if (old.labels) role.labels = old.labels;
          status.status =
            canonicalRules(old.rules) === canonicalRules(role.rules) ? 'unchanged' : 'changed';
          if (status.status === 'changed') boundTo('Role', name, namespace);
        }
        break;
      }
      case 'ClusterRole': {
        const role: ClusterRole = { kind: 'ClusterRole', name, rules: o.rules.map(ruleOf) };
        const old = upsert(next.clusterRoles, role, (x) => x.name === name);
        if (old) {
          // kubectl apply leaves alone what the manifest does not mention: the labels (which
          // may make other ClusterRoles aggregate this one) and the aggregationRule.
          if (old.labels) role.labels = old.labels;
          if (old.aggregationRule) role.aggregationRule = old.aggregationRule;
          status.status =
            canonicalRules(old.rules) === canonicalRules(role.rules) ? 'unchanged' : 'changed';
          const notes: string[] = [];
          if (old.aggregationRule) {
            notes.push(
              `ClusterRole ${name} is aggregated today, and kubectl apply keeps its aggregationRule (unless an earlier kubectl apply wrote it): the aggregation controller sets its rules to those of the ClusterRoles it selects, so the rules written here will be overwritten. The preview shows the aggregated rules.`,
            );
          }
          if (status.status === 'changed') {
            boundTo('ClusterRole', name);
            // Roles aggregating this one take its new rules too, and so do their subjects.
            const aggregators = aggregatingRoles(snapshot.clusterRoles, name);
            for (const r of aggregators) boundTo('ClusterRole', r);
            if (aggregators.length > 0) {
              const one = aggregators.length === 1;
              notes.push(
                `The labels of ClusterRole ${name}, which kubectl apply keeps, make ${one ? 'ClusterRole' : 'ClusterRoles'} ${aggregators.join(', ')} aggregate it: everyone bound to ${one ? 'it' : 'them'} gets these rules too.`,
              );
            }
          }
          if (notes.length > 0) status.note = notes.join(' ');
        }
        break;
      }
      case 'RoleBinding':
      case 'ClusterRoleBinding': {
        const roleRef = { kind: o.roleRef.kind, name: o.roleRef.name };
        const binding: AnyBinding =
          o.kind === 'RoleBinding'
            ? ({
                kind: 'RoleBinding',
                name,
                namespace: o.metadata.namespace,
                roleRef,
                subjects: subjectsOf(o),
              } satisfies RoleBinding)
            : ({
                kind: 'ClusterRoleBinding',
                name,
                roleRef,
                subjects: subjectsOf(o),
              } satisfies ClusterRoleBinding);
        const old =
          binding.kind === 'RoleBinding'
            ? upsert(
                next.roleBindings,
                binding,
                (x) => x.name === name && x.namespace === namespace,
              )
            : upsert(next.clusterRoleBindings, binding, (x) => x.name === name);
        if (old) {
          if (old.labels) binding.labels = old.labels;
          const sameRef = old.roleRef.kind === roleRef.kind && old.roleRef.name === roleRef.name;
          status.status =
            sameRef && canonicalSubjects(old.subjects) === canonicalSubjects(binding.subjects)
              ? 'unchanged'
              : 'changed';
          if (status.status === 'changed') affected.push(...old.subjects);
          if (!sameRef) {
            status.note = `${o.kind} ${name} exists with roleRef ${old.roleRef.kind} ${old.roleRef.name}. A roleRef cannot be changed: the API server refuses the update, so delete the binding first or pick another name.`;
          }
        }
        break;
      }
      case 'Pod': {
        const pod = {
          name,
          namespace: o.metadata.namespace,
          serviceAccountName: o.spec.serviceAccountName,
        };
        const old = upsert(next.pods, pod, (x) => x.name === name && x.namespace === namespace);
        if (old) {
          status.status =
            old.serviceAccountName === pod.serviceAccountName ? 'unchanged' : 'changed';
          status.note = `A Pod named ${name} already exists in ${namespace}. A Pod's containers and ServiceAccount cannot be changed, so applying fails if they differ: delete it first or pick another name.`;
        }
        break;
      }
    }
  }
  return { snapshot: next, statuses, affected };
}

// ---- Comparing permission matrices ----

interface FlatCell {
  namespace: string;
  apiGroup: string;
  resource: string;
  nonResource: boolean;
  verb: string;
  cell: MatrixCell;
}

const cellValue = (c: MatrixCell) =>
  c.access === 'all' ? '*' : (c.resourceNames ?? []).join('\n');

function flatten(m: PermissionsMatrix): Map<string, FlatCell> {
  const out = new Map<string, FlatCell>();
  for (const scope of m.scopes) {
    for (const row of scope.rows) {
      for (const [verb, cell] of Object.entries(row.cells)) {
        out.set(`${scope.namespace}|r|${row.apiGroup}|${row.resource}|${verb}`, {
          namespace: scope.namespace,
          apiGroup: row.apiGroup,
          resource: row.resource,
          nonResource: false,
          verb,
          cell,
        });
      }
    }
    for (const row of scope.nonResource) {
      for (const [verb, cell] of Object.entries(row.cells)) {
        out.set(`${scope.namespace}|u||${row.url}|${verb}`, {
          namespace: scope.namespace,
          apiGroup: '',
          resource: row.url,
          nonResource: true,
          verb,
          cell,
        });
      }
    }
  }
  return out;
}

function withNames<T extends object>(
  base: T,
  cell: MatrixCell,
): T & { access: 'all' | 'some'; resourceNames?: string[] } {
  return cell.access === 'some'
    ? { ...base, access: 'some', resourceNames: cell.resourceNames ?? [] }
    : { ...base, access: 'all' };
}

/**
 * The cells that differ between two matrices of the same scopes. A namespace's table repeats
 * the cluster-wide grants, so a change already shown cluster-wide is not repeated per namespace.
 */
export function diffMatrices(before: PermissionsMatrix, after: PermissionsMatrix): GrantChange[] {
  const b = flatten(before);
  const a = flatten(after);
  const all: { change: GrantChange; sig: string }[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const was = b.get(key);
    const now = a.get(key);
    if (was && now && cellValue(was.cell) === cellValue(now.cell)) continue;
    // Rows follow the resources rules name: a row new in one matrix may already be covered by a
    // wildcard row of the other (`*` on `*` covers a new `secrets` row).
    if (now && !was && covers(before, now)) continue;
    if (was && !now && covers(after, was)) continue;
    const f = (now ?? was)!;
    const base = {
      namespace: f.namespace,
      apiGroup: f.apiGroup,
      resource: f.resource,
      ...(f.nonResource ? { nonResource: true as const } : {}),
      verb: f.verb,
    };
    let change: GrantChange;
    if (!was) {
      change = withNames(
        { change: 'added' as const, ...base, via: now!.cell.paths.map(describePath) },
        now!.cell,
      );
    } else if (!now) {
      change = withNames({ change: 'removed' as const, ...base, via: [] }, was.cell);
    } else {
      change = withNames(
        {
          change: 'changed' as const,
          ...base,
          was: withNames({}, was.cell),
          via: now.cell.paths.map(describePath),
        },
        now.cell,
      );
    }
    const sig = [
      f.nonResource,
      f.apiGroup,
      f.resource,
      f.verb,
      was ? cellValue(was.cell) : '-',
      now ? cellValue(now.cell) : '-',
    ].join('|');
    all.push({ change, sig });
  }
  const clusterWide = new Set(all.filter((x) => x.change.namespace === '').map((x) => x.sig));
  return all
    .filter((x) => x.change.namespace === '' || !clusterWide.has(x.sig))
    .map((x) => x.change)
    .sort(
      (x, y) =>
        (x.namespace === '' ? 0 : 1) - (y.namespace === '' ? 0 : 1) ||
        x.namespace.localeCompare(y.namespace) ||
        Number(!!x.nonResource) - Number(!!y.nonResource) ||
        x.apiGroup.localeCompare(y.apiGroup) ||
        x.resource.localeCompare(y.resource),
    );
}

/** Whether a matrix grants at least what one cell of another matrix does, in the same scope. */
function covers(m: PermissionsMatrix, f: FlatCell): boolean {
  if (f.nonResource) {
    const scope =
      m.scopes.find((s) => s.namespace === f.namespace) ?? m.scopes.find((s) => s.namespace === '');
    return !!scope?.nonResource.some(
      (r) =>
        (r.cells[f.verb] ?? r.cells['*']) !== undefined &&
        nonResourceURLMatches({ verbs: [], nonResourceURLs: [r.url] }, f.resource),
    );
  }
  const slash = f.resource.indexOf('/');
  const q = {
    namespace: f.namespace,
    apiGroup: f.apiGroup,
    resource: slash < 0 ? f.resource : f.resource.slice(0, slash),
    verb: f.verb,
    ...(slash < 0 ? {} : { subresource: f.resource.slice(slash + 1) }),
  };
  if (f.cell.access === 'all') return matrixAllows(m, q);
  return (f.cell.resourceNames ?? []).every((name) => matrixAllows(m, { ...q, name }));
}

/**
 * Whether a matrix allows a resource request: the namespace's table (or, for a namespace with
 * no table, the cluster-wide one, which is all that applies there). Without a name, a cell
 * limited to resourceNames does not count, as for the authorizer.
 */
export function matrixAllows(
  m: PermissionsMatrix,
  q: {
    namespace: string;
    apiGroup: string;
    resource: string;
    subresource?: string;
    verb: string;
    name?: string;
  },
): boolean {
  const scope =
    m.scopes.find((s) => s.namespace === q.namespace) ?? m.scopes.find((s) => s.namespace === '');
  if (!scope) return false;
  const sub = q.subresource ?? '';
  const combined = sub ? `${q.resource}/${sub}` : q.resource;
  return scope.rows.some((row) => {
    const asRule: PolicyRule = { verbs: [], apiGroups: [row.apiGroup], resources: [row.resource] };
    if (!apiGroupMatches(asRule, q.apiGroup) || !resourceMatches(asRule, combined, sub))
      return false;
    const cell = row.cells[q.verb] ?? row.cells['*'];
    if (!cell) return false;
    return (
      cell.access === 'all' || (q.name !== undefined && (cell.resourceNames ?? []).includes(q.name))
    );
  });
}

// ---- Risks ----

/**
 * The findings engine's verdict on the draft's subjects: findRisks over the snapshot narrowed to
 * the bindings that can reach those subjects (every role kept, for aggregation).
 */
function findingsFor(snapshot: RbacSnapshot, subjects: Subject[]): Finding[] {
  const reach = new Set<string>();
  for (const s of subjects) {
    if (s.kind === 'ServiceAccount') {
      reach.add(`u:${serviceAccountUser(s.namespace ?? '', s.name)}`);
      reach.add('g:system:serviceaccounts');
      reach.add(`g:system:serviceaccounts:${s.namespace ?? ''}`);
    } else {
      reach.add(`${s.kind === 'User' ? 'u' : 'g'}:${s.name}`);
    }
  }
  const keyOf = (s: Subject) =>
    s.kind === 'ServiceAccount'
      ? `u:${serviceAccountUser(s.namespace ?? '', s.name)}`
      : `${s.kind === 'User' ? 'u' : 'g'}:${s.name}`;
  const reaches = (b: AnyBinding) => b.subjects.some((s) => reach.has(keyOf(s)));
  const narrowed: RbacSnapshot = {
    ...snapshot,
    roleBindings: snapshot.roleBindings.filter(reaches),
    clusterRoleBindings: snapshot.clusterRoleBindings.filter(reaches),
  };
  const wanted = new Set(subjects.map(subjectKey));
  return findRisks(new Authorizer(narrowed)).filter(
    (f) => f.subject !== undefined && wanted.has(subjectKey(f.subject)),
  );
}

// ---- The effect ----

/** The subjects whose permissions the draft changes: its ServiceAccount, then the binding's. */
export function draftSubjects(spec: WizardSpec): Subject[] {
  const out = new Map<string, Subject>();
  const sa: Subject = {
    kind: 'ServiceAccount',
    namespace: spec.serviceAccount.namespace,
    name: spec.serviceAccount.name,
  };
  out.set(subjectKey(sa), sa);
  for (const s of spec.binding.subjects) {
    const subject: Subject =
      s.kind === 'ServiceAccount'
        ? { kind: s.kind, namespace: s.namespace, name: s.name }
        : { kind: s.kind, name: s.name };
    if (!out.has(subjectKey(subject))) out.set(subjectKey(subject), subject);
  }
  return [...out.values()];
}

/**
 * What applying a valid draft would do to the current data: which objects are new or replace
 * existing ones, each subject's effective permissions before and after (computed by the engine
 * over a copy of the snapshot with the objects applied), the difference, and the risky
 * permissions the subjects would hold. `before` may pass the snapshot's existing authorizer.
 */
export function previewEffect(
  snapshot: RbacSnapshot,
  spec: WizardSpec,
  options: { objects?: ManifestObject[]; before?: Authorizer } = {},
): PreviewEffect {
  const objects = options.objects ?? buildObjects(spec);
  const applied = applyToSnapshot(snapshot, objects);
  const before = options.before ?? new Authorizer(snapshot);
  const after = new Authorizer(applied.snapshot);
  const subjects = draftSubjects(spec);
  const effectOf = (subject: Subject, affected: boolean): SubjectEffect => {
    const identity = identityOf(subject);
    const namespaces = [
      ...new Set([
        ...before.namespacesWithGrants(identity),
        ...after.namespacesWithGrants(identity),
      ]),
    ].sort();
    const b = permissionsMatrix(before, identity, namespaces);
    const a = permissionsMatrix(after, identity, namespaces);
    const effect: SubjectEffect = {
      subject,
      label: describeSubject(subject),
      before: b,
      after: a,
      changes: diffMatrices(b, a),
    };
    if (affected) effect.affected = true;
    return effect;
  };
  const effects = subjects.map((s) => effectOf(s, false));
  // Others whose grants change because an existing binding or role is replaced.
  const seen = new Set(subjects.map(subjectKey));
  const others: Subject[] = [];
  for (const s of applied.affected) {
    const key = subjectKey(s);
    if (seen.has(key) || (s.kind === 'ServiceAccount' && !s.namespace)) continue;
    seen.add(key);
    others.push(s);
  }
  const changed: Subject[] = [];
  for (const s of others.slice(0, MAX_AFFECTED)) {
    const effect = effectOf(s, true);
    if (effect.changes.length > 0) {
      effects.push(effect);
      changed.push(s);
    }
  }
  const judged = [...subjects, ...changed];
  const was = new Set(findingsFor(snapshot, judged).map((f) => f.id));
  const mine = new Set(subjects.map(subjectKey));
  const risks: RiskWarning[] = [];
  const affectedRisks: RiskWarning[] = [];
  for (const finding of findingsFor(applied.snapshot, judged)) {
    const isNew = !was.has(finding.id);
    if (mine.has(subjectKey(finding.subject!))) risks.push({ finding, isNew });
    // For others, only what the draft gives them is news.
    else if (isNew) affectedRisks.push({ finding, isNew, affected: true });
  }
  risks.push(...affectedRisks);
  const out: PreviewEffect = { objects: applied.statuses, subjects: effects, risks };
  if (others.length > MAX_AFFECTED) out.unexamined = others.length - MAX_AFFECTED;
  return out;
}
