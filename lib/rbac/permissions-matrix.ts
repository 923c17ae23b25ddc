import type { Authorizer, GrantPath, RuleGrant } from './authorizer';
import type { Identity } from './identity';
import { isClusterRoleBind, NAMESPACE_COLLECTION_VERBS } from './parse-type';
import { findResource } from './resource-catalog';
import {
  apiGroupMatches,
  nonResourceURLMatches,
  resourceMatches,
  verbMatches,
} from './rule-matching';

export const STANDARD_VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
] as const;

export interface MatrixCell {
  /** `all`: any object; `some`: only the objects named in resourceNames. */
  access: 'all' | 'some';
  resourceNames?: string[];
  /** The grant paths behind the cell. */
  paths: GrantPath[];
}

export interface MatrixRow {
  apiGroup: string;
  /** `resource` or `resource/subresource`, or `*`. */
  resource: string;
  cells: Record<string, MatrixCell>;
}

export interface NonResourceRow {
  url: string;
  cells: Record<string, MatrixCell>;
}

export interface PermissionScope {
  /** '' for cluster-wide grants (ClusterRoleBindings); otherwise everything effective there. */
  namespace: string;
  rows: MatrixRow[];
  nonResource: NonResourceRow[];
}

export interface PermissionsMatrix {
  /** Columns: the standard verbs, then any other verb the rules name, then `*`. */
  verbs: string[];
  scopes: PermissionScope[];
}

/**
 * The effective permissions of an identity as resource × verb tables: one cluster-wide
 * (what ClusterRoleBindings grant everywhere) and one per namespace (cluster-wide and
 * RoleBinding grants together), each cell with the paths that grant it. As the authorizer
 * decides: non-resource URLs, and resources the catalog knows to be cluster-scoped (nodes…),
 * are granted by ClusterRoleBindings only, whatever a RoleBinding's role says. The one
 * exception is `namespaces` (and its subresources): the API server authorizes a request on
 * namespace X itself (`GET /api/v1/namespaces/X`) as a request in namespace X, so a RoleBinding
 * in X grants it on X alone, shown as named X. And `bind` on clusterroles is asked in the
 * namespace of the RoleBinding being written, so a RoleBinding grants it there.
 */
export function permissionsMatrix(
  authz: Authorizer,
  identity: Identity,
  namespaces: string[] = authz.namespacesWithGrants(identity),
): PermissionsMatrix {
  const scopeGrants = ['', ...namespaces.filter((n) => n !== '')].map((namespace) => ({
    namespace,
    grants: authz.rulesFor(identity, namespace),
  }));
  const verbSet = new Set<string>(STANDARD_VERBS);
  for (const { grants } of scopeGrants) {
    for (const g of grants) for (const v of g.rule.verbs) if (v !== '*') verbSet.add(v);
  }
  verbSet.add('*');
  const verbs = [...verbSet];
  const scopes: PermissionScope[] = [];
  for (const { namespace, grants: all } of scopeGrants) {
    const clusterWide = all.filter((g) => g.path.binding.kind === 'ClusterRoleBinding');
    const inNamespace = all.filter((g) => g.path.binding.kind !== 'ClusterRoleBinding');
    const allGrants = all.map(unlimited);
    const clusterGrants = clusterWide.map(unlimited);
    // For the namespace itself: the cluster-wide grants, and RoleBinding grants limited to it.
    const selfGrants = [...clusterGrants];
    for (const g of inNamespace) {
      const names = g.rule.resourceNames ?? [];
      if (names.length === 0 || names.includes(namespace)) {
        selfGrants.push({ ...g, names: [namespace] });
      }
    }
    /**
     * The grants that count for a row's verbs on named objects, and for its collection verbs.
     * What a RoleBinding grants on a cluster-scoped resource, it never grants, but for the
     * namespace itself.
     */
    const grantsOn = (apiGroup: string, resource: string) => {
      const known = findResource(resource.split('/')[0]!, apiGroup);
      if (!known || known.namespaced) {
        return { named: allGrants, collection: allGrants, bind: allGrants };
      }
      if (namespace && known.resource === 'namespaces' && known.group === '') {
        return { named: selfGrants, collection: clusterGrants, bind: selfGrants };
      }
      const bindHere =
        namespace && isClusterRoleBind({ verb: 'bind', resource, apiGroup })
          ? allGrants
          : clusterGrants;
      return { named: clusterGrants, collection: clusterGrants, bind: bindHere };
    };
    const rowKeys = new Map<string, { apiGroup: string; resource: string }>();
    const urls = new Set<string>();
    for (const { rule } of all) {
      for (const u of rule.nonResourceURLs ?? []) urls.add(u);
      for (const apiGroup of rule.apiGroups ?? []) {
        for (const resource of rule.resources ?? []) {
          // `pods/*` and `*/*` are literal to RBAC: no request names the subresource `*`.
          if (resource.endsWith('/*')) continue;
          rowKeys.set(`${apiGroup}|${resource}`, { apiGroup, resource });
        }
      }
    }
    const rows: MatrixRow[] = [...rowKeys.values()]
      .sort((a, b) => a.apiGroup.localeCompare(b.apiGroup) || a.resource.localeCompare(b.resource))
      .map(({ apiGroup, resource }) => {
        const sub = resource.includes('/') ? resource.slice(resource.indexOf('/') + 1) : '';
        const grants = grantsOn(apiGroup, resource);
        const cells: Record<string, MatrixCell> = {};
        for (const verb of verbs) {
          const pool =
            verb === 'bind'
              ? grants.bind
              : NAMESPACE_COLLECTION_VERBS.has(verb)
                ? grants.collection
                : grants.named;
          const matching = pool.filter(
            ({ rule }) =>
              verbMatches(rule, verb) &&
              apiGroupMatches(rule, apiGroup) &&
              resourceMatches(rule, resource, sub),
          );
          const cell = cellOf(matching.map((g) => ({ names: g.names, path: g.path })));
          if (cell) cells[verb] = cell;
        }
        return { apiGroup, resource, cells };
      })
      .filter((row) => Object.keys(row.cells).length > 0);
    const nonResource: NonResourceRow[] = [...urls]
      .sort()
      .map((url) => {
        const cells: Record<string, MatrixCell> = {};
        for (const verb of verbs) {
          const matching = clusterWide.filter(
            ({ rule }) => verbMatches(rule, verb) && nonResourceURLMatches(rule, url),
          );
          const cell = cellOf(matching.map((g) => ({ names: undefined, path: g.path })));
          if (cell) cells[verb] = cell;
        }
        return { url, cells };
      })
      .filter((row) => Object.keys(row.cells).length > 0);
    scopes.push({ namespace, rows, nonResource });
  }
  return { verbs, scopes };
}

/** A grant with the object names it is limited to (none: any object). */
type NamedGrant = RuleGrant & { names: string[] | undefined };

const unlimited = (g: RuleGrant): NamedGrant => ({ ...g, names: g.rule.resourceNames });

function cellOf(
  matches: { names: string[] | undefined; path: GrantPath }[],
): MatrixCell | undefined {
  if (matches.length === 0) return undefined;
  const paths = matches.map((m) => m.path);
  if (matches.some((m) => !m.names || m.names.length === 0)) return { access: 'all', paths };
  const names = [...new Set(matches.flatMap((m) => m.names ?? []))].sort();
  return { access: 'some', resourceNames: names, paths };
}
