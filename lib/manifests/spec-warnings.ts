import { AUTHENTICATED, serviceAccountIdentity } from '../rbac/identity';
import { COMMON_RESOURCES } from '../rbac/resource-catalog';
import type { WizardSpec } from './wizard-spec';

/**
 * Things a valid spec may not mean to say: wildcards, cluster-wide scope, rules that can never
 * match. The engine's findings judge the resulting permissions; these judge the rules as written.
 */
export interface SpecWarning {
  level: 'warning' | 'info';
  message: string;
  /** The field it is about, as in SpecIssue. */
  path: (string | number)[];
}

const KNOWN_GROUPS = new Set(COMMON_RESOURCES.map((r) => r.group));
/** Verbs whose requests never carry an object's name. */
const NAMELESS_VERBS = ['create', 'deletecollection'];
/** Verbs whose requests carry a name only when a field selector picks one object by name. */
const SELECTOR_NAMED_VERBS = ['list', 'watch'];

export function specWarnings(spec: WizardSpec): SpecWarning[] {
  const out: SpecWarning[] = [];
  const { serviceAccount: sa, role, binding } = spec;
  for (const [i, rule] of role.rules.entries()) {
    const at = ['role', 'rules', i];
    const n = `Rule ${i + 1}`;
    if (rule.verbs.includes('*')) {
      out.push({
        level: 'warning',
        path: [...at, 'verbs'],
        message: `${n} allows every verb ("*"), including escalate, bind and any verb added later: list the verbs the app needs.`,
      });
    }
    if (rule.resources.includes('*')) {
      out.push({
        level: 'warning',
        path: [...at, 'resources'],
        message: `${n} covers every resource ("*"), secrets and any resource added later included: list the resources the app needs.`,
      });
    }
    if (rule.apiGroups.includes('*')) {
      out.push({
        level: 'warning',
        path: [...at, 'apiGroups'],
        message: `${n} matches every API group ("*"), including ones installed later: name the groups.`,
      });
    }
    if (rule.resourceNames.length > 0) {
      // A create on a subresource (POST serviceaccounts/NAME/token, pods/NAME/exec) carries
      // the parent object's name, so resourceNames do match it.
      const onSubresources = rule.resources.every((r) => r.includes('/'));
      const nameless = rule.verbs.filter(
        (v) => NAMELESS_VERBS.includes(v) && !(v === 'create' && onSubresources),
      );
      if (nameless.length > 0) {
        out.push({
          level: 'warning',
          path: [...at, 'resourceNames'],
          message: `${n} limits itself to named objects, but ${nameless.join(', ')} requests carry no name, so resourceNames never match them: those verbs grant nothing here.`,
        });
      }
      // The API server takes the name of a list or watch from a metadata.name field selector.
      const bySelector = rule.verbs.filter((v) => SELECTOR_NAMED_VERBS.includes(v));
      if (bySelector.length > 0) {
        out.push({
          level: 'warning',
          path: [...at, 'resourceNames'],
          message: `${n} limits ${bySelector.join(' and ')} to the named objects: ${bySelector.length > 1 ? 'they match' : 'it matches'} only a request for one of them by field selector (--field-selector metadata.name=NAME), never a plain list${bySelector.includes('watch') ? ' or watch' : ''} of them all.`,
        });
      }
    }
    if (!rule.apiGroups.includes('*') && rule.apiGroups.every((g) => KNOWN_GROUPS.has(g))) {
      for (const resource of rule.resources) {
        const base = resource.split('/')[0] ?? '';
        const known = COMMON_RESOURCES.filter((r) => r.resource === base);
        if (known.length > 0 && !known.some((r) => rule.apiGroups.includes(r.group))) {
          const group = known[0]!.group;
          out.push({
            level: 'warning',
            path: [...at, 'apiGroups'],
            message: `${n}: ${base} belong to ${group ? `API group ${group}` : 'the core group ("")'}, which the rule does not name, so it never matches them.`,
          });
        }
      }
    }
    if (binding.kind === 'RoleBinding') {
      for (const resource of rule.resources) {
        const base = resource.split('/')[0] ?? '';
        const info = COMMON_RESOURCES.find(
          (r) => r.resource === base && rule.apiGroups.includes(r.group),
        );
        if (info && !info.namespaced) {
          out.push({
            level: 'warning',
            path: [...at, 'resources'],
            // The API server authorizes a request on namespace X itself as one in namespace X.
            message:
              base === 'namespaces' && info.group === ''
                ? `${n}: namespaces are cluster-scoped: through a RoleBinding the rule grants only on the binding's own namespace (${binding.namespace}) itself, never on other namespaces or a list of them. Use a ClusterRole with a ClusterRoleBinding for more.`
                : `${n}: ${base} are cluster-scoped, and a RoleBinding grants only inside its namespace, so it never grants them. Use a ClusterRole with a ClusterRoleBinding.`,
          });
        }
      }
    }
  }
  if (binding.kind === 'ClusterRoleBinding') {
    out.push({
      level: 'warning',
      path: ['binding', 'kind'],
      message:
        'A ClusterRoleBinding grants in every namespace, kube-system included, and on cluster-scoped resources. Prefer a RoleBinding unless the app truly works across namespaces.',
    });
  } else if (binding.namespace !== sa.namespace) {
    out.push({
      level: 'info',
      path: ['binding', 'namespace'],
      message: `The permissions apply in namespace ${binding.namespace}; the ServiceAccount lives in ${sa.namespace}. A RoleBinding grants only in its own namespace.`,
    });
  }
  // The ServiceAccount's requests carry its user name and groups: any of them may be bound.
  const identity = serviceAccountIdentity(sa.namespace, sa.name);
  const namesSa = binding.subjects.some(
    (s) =>
      (s.kind === 'ServiceAccount' && s.name === sa.name && s.namespace === sa.namespace) ||
      (s.kind === 'User' && s.name === identity.user),
  );
  const viaGroup = binding.subjects.find(
    (s) => s.kind === 'Group' && identity.groups.includes(s.name),
  );
  if (!namesSa && viaGroup) {
    out.push({
      level: 'info',
      path: ['binding', 'subjects'],
      message: `The binding reaches ServiceAccount ${sa.namespace}/${sa.name} through Group ${viaGroup.name}, which ${groupReach(viaGroup.name, sa.namespace)} have too: name the ServiceAccount to grant it alone.`,
    });
  } else if (!namesSa) {
    out.push({
      level: 'warning',
      path: ['binding', 'subjects'],
      message: `The binding does not name ServiceAccount ${sa.namespace}/${sa.name}, so the app gains nothing from it.`,
    });
  }
  return out;
}

/** Who else carries one of a ServiceAccount's groups, in words. */
function groupReach(group: string, namespace: string): string {
  if (group === AUTHENTICATED) return 'every authenticated user and ServiceAccount';
  if (group === 'system:serviceaccounts') return 'all ServiceAccounts of every namespace';
  return `all ServiceAccounts of namespace ${namespace}`;
}
