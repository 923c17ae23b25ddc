import { isNamespaceName, isSubdomainName } from '../rbac/object-names';
import type {
  ClusterRole,
  ClusterRoleBinding,
  LabelSelector,
  PolicyRule,
  RbacSnapshot,
  Role,
  RoleBinding,
  RoleRef,
  Subject,
} from '../rbac/types';

/**
 * The one place where Kubernetes objects (parsed YAML/JSON or client-node's classes, which
 * share the JSON field names) become the engine's narrow types.
 */

type Raw = Record<string, unknown>;

/** The kinds a snapshot holds. Anything else is skipped and counted. */
export const SNAPSHOT_KINDS = [
  'Namespace',
  'ServiceAccount',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'Pod',
] as const;

export class ConversionError extends Error {}

const obj = (v: unknown): Raw =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

function labelsOf(meta: Raw): Record<string, string> | undefined {
  const labels = obj(meta.labels);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new ConversionError(`${what} is missing`);
  return value;
}

function ruleOf(raw: unknown): PolicyRule {
  const r = obj(raw);
  const rule: PolicyRule = { verbs: strings(r.verbs) ?? [] };
  const apiGroups = strings(r.apiGroups);
  const resources = strings(r.resources);
  const resourceNames = strings(r.resourceNames);
  const nonResourceURLs = strings(r.nonResourceURLs);
  if (apiGroups) rule.apiGroups = apiGroups;
  if (resources) rule.resources = resources;
  if (resourceNames && resourceNames.length > 0) rule.resourceNames = resourceNames;
  if (nonResourceURLs) rule.nonResourceURLs = nonResourceURLs;
  return rule;
}

function rulesOf(raw: unknown): PolicyRule[] {
  return Array.isArray(raw) ? raw.map(ruleOf) : [];
}

function selectorOf(raw: unknown): LabelSelector {
  const s = obj(raw);
  const selector: LabelSelector = {};
  const matchLabels = obj(s.matchLabels);
  if (Object.keys(matchLabels).length > 0) {
    selector.matchLabels = Object.fromEntries(
      Object.entries(matchLabels).map(([k, v]) => [k, String(v)]),
    );
  }
  if (Array.isArray(s.matchExpressions)) {
    selector.matchExpressions = s.matchExpressions.map((e) => {
      const x = obj(e);
      const operator = str(x.operator);
      if (
        operator !== 'In' &&
        operator !== 'NotIn' &&
        operator !== 'Exists' &&
        operator !== 'DoesNotExist'
      ) {
        throw new ConversionError(`unknown matchExpressions operator ${JSON.stringify(operator)}`);
      }
      return {
        key: required(str(x.key), 'matchExpressions key'),
        operator,
        values: strings(x.values),
      };
    });
  }
  return selector;
}

function subjectOf(raw: unknown, bindingNamespace: string | undefined): Subject {
  const s = obj(raw);
  const kind = str(s.kind);
  const name = required(str(s.name), 'subject name');
  if (kind === 'ServiceAccount') {
    // A RoleBinding's ServiceAccount subject without a namespace means the binding's own
    // namespace (the API server defaults it on create); in a ClusterRoleBinding it is invalid.
    const namespace = str(s.namespace) || bindingNamespace;
    return namespace ? { kind, name, namespace } : { kind, name };
  }
  if (kind === 'User' || kind === 'Group') return { kind, name };
  throw new ConversionError(`unknown subject kind ${JSON.stringify(kind)}`);
}

function roleRefOf(raw: unknown): RoleRef {
  const r = obj(raw);
  const kind = str(r.kind);
  if (kind !== 'Role' && kind !== 'ClusterRole') {
    throw new ConversionError(
      `roleRef.kind must be Role or ClusterRole, not ${JSON.stringify(kind)}`,
    );
  }
  return { kind, name: required(str(r.name), 'roleRef.name') };
}

/**
 * Adds one Kubernetes object to a snapshot. Returns false for kinds a snapshot does not hold;
 * throws ConversionError for an object of a known kind that is malformed.
 */
/** A rule for names, as the API server validates them, and how to say it. */
interface NameRule {
  ok: (name: string) => boolean;
  says: string;
}
const NAMESPACE_RULE: NameRule = {
  ok: isNamespaceName,
  says: 'lower-case letters, digits and dashes, at most 63',
};
const DNS_SUBDOMAIN: NameRule = {
  ok: isSubdomainName,
  says: "lower-case letters, digits, '-' and '.', at most 253",
};
/** RBAC objects may be named anything a URL path segment can hold: `system:controller:…`. */
const PATH_SEGMENT: NameRule = {
  ok: (n) => n.length <= 253 && n !== '.' && n !== '..' && !/[/%]/.test(n),
  says: "no '/' or '%', not '.' or '..', at most 253 characters",
};
const NAME_RULES: Record<string, NameRule> = {
  Namespace: NAMESPACE_RULE,
  ServiceAccount: DNS_SUBDOMAIN,
  Pod: DNS_SUBDOMAIN,
  Role: PATH_SEGMENT,
  ClusterRole: PATH_SEGMENT,
  RoleBinding: PATH_SEGMENT,
  ClusterRoleBinding: PATH_SEGMENT,
};

/** A name the API server would accept for it, or a ConversionError saying what is wrong. */
function valid(name: string, rule: NameRule | undefined, what = 'name'): string {
  if (rule && !rule.ok(name)) {
    throw new ConversionError(`${JSON.stringify(name)} is not a valid ${what} (${rule.says})`);
  }
  return name;
}

export function addObject(snapshot: RbacSnapshot, raw: Raw): boolean {
  const kind = str(raw.kind);
  const meta = obj(raw.metadata);
  const labels = labelsOf(meta);
  const name = () =>
    valid(required(str(meta.name), `${kind} metadata.name`), NAME_RULES[kind ?? '']);
  const namespace = () =>
    valid(
      required(str(meta.namespace), `${kind} ${str(meta.name)} metadata.namespace`),
      NAMESPACE_RULE,
      'namespace',
    );
  switch (kind) {
    case 'Namespace':
      snapshot.namespaces.push({ name: name() });
      return true;
    case 'ServiceAccount':
      snapshot.serviceAccounts.push({ name: name(), namespace: namespace() });
      return true;
    case 'Role': {
      const role: Role = { kind, name: name(), namespace: namespace(), rules: rulesOf(raw.rules) };
      if (labels) role.labels = labels;
      snapshot.roles.push(role);
      return true;
    }
    case 'ClusterRole': {
      const role: ClusterRole = { kind, name: name(), rules: rulesOf(raw.rules) };
      if (labels) role.labels = labels;
      const agg = obj(raw.aggregationRule);
      if (Array.isArray(agg.clusterRoleSelectors)) {
        role.aggregationRule = { clusterRoleSelectors: agg.clusterRoleSelectors.map(selectorOf) };
      }
      snapshot.clusterRoles.push(role);
      return true;
    }
    case 'RoleBinding': {
      const ns = namespace();
      const binding: RoleBinding = {
        kind,
        name: name(),
        namespace: ns,
        roleRef: roleRefOf(raw.roleRef),
        subjects: Array.isArray(raw.subjects) ? raw.subjects.map((s) => subjectOf(s, ns)) : [],
      };
      if (labels) binding.labels = labels;
      snapshot.roleBindings.push(binding);
      return true;
    }
    case 'ClusterRoleBinding': {
      const binding: ClusterRoleBinding = {
        kind,
        name: name(),
        roleRef: roleRefOf(raw.roleRef),
        subjects: Array.isArray(raw.subjects)
          ? raw.subjects.map((s) => subjectOf(s, undefined))
          : [],
      };
      if (labels) binding.labels = labels;
      snapshot.clusterRoleBindings.push(binding);
      return true;
    }
    case 'Pod': {
      const spec = obj(raw.spec);
      const owner = Array.isArray(meta.ownerReferences) ? obj(meta.ownerReferences[0]) : {};
      const pod: RbacSnapshot['pods'][number] = {
        name: name(),
        namespace: namespace(),
        // Kubernetes defaults an unset serviceAccountName to "default".
        serviceAccountName: str(spec.serviceAccountName) || str(spec.serviceAccount) || 'default',
      };
      const ownerKind = str(owner.kind);
      const ownerName = str(owner.name);
      if (ownerKind && ownerName) pod.owner = { kind: ownerKind, name: ownerName };
      snapshot.pods.push(pod);
      return true;
    }
    default:
      return false;
  }
}
