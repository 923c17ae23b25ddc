import { describe, expect, it } from 'vitest';
import { Authorizer } from '../rbac/authorizer';
import {
  aggregated,
  binding,
  clusterBinding,
  clusterRole,
  labelled,
  named,
  role,
  rule,
  snapshot,
  urlRule,
} from '../rbac/test-builders';
import type { RbacSnapshot } from '../rbac/types';
import {
  buildFullGraph,
  explainEdge,
  isSystemObject,
  permissionsOf,
  ruleWords,
} from './full-graph';
import { describePermission } from './describe-permission';
import type { FullGraph } from './full-graph';
import { permissionTagLabel } from './layout';
import { roleOfPermissionId } from './model';
import { resolvePermission } from './select-view';

/** The textbook case plus a few neighbours: myapp1 → read-pods → pod-reader. */
function story(): RbacSnapshot {
  const s = snapshot(
    role('default', 'pod-reader', rule('get,list', '', 'pods')),
    named('read-pods', binding('default', 'Role:pod-reader', 'ServiceAccount:default:myapp1')),
    named('worker-legacy', binding('team-b', 'Role:legacy-worker', 'ServiceAccount:team-b:worker')),
    named(
      'team-a-view',
      binding('team-a', 'ClusterRole:view', 'Group:system:serviceaccounts:team-a'),
    ),
    clusterRole('view', rule('get,list,watch', '', 'pods,configmaps')),
    named('bob-view', clusterBinding('ClusterRole:view', 'User:bob@example.com')),
    labelled(
      clusterRole(
        'system:basic-user',
        rule('create', 'authorization.k8s.io', 'selfsubjectaccessreviews'),
      ),
      {
        'kubernetes.io/bootstrapping': 'rbac-defaults',
      },
    ),
    named(
      'system:basic-user',
      clusterBinding('ClusterRole:system:basic-user', 'Group:system:authenticated'),
    ),
  );
  s.serviceAccounts.push(
    { namespace: 'default', name: 'myapp1' },
    { namespace: 'team-a', name: 'frontend' },
  );
  s.pods.push(
    { namespace: 'default', name: 'myapp1', serviceAccountName: 'myapp1' },
    { namespace: 'team-a', name: 'frontend-1', serviceAccountName: 'frontend' },
  );
  return s;
}

const edgesOf = (g: FullGraph) => g.edges.map((e) => `${e.source} -${e.kind}-> ${e.target}`);

describe('buildFullGraph', () => {
  const g = buildFullGraph(new Authorizer(story()));

  it('names nodes by the shared id contract', () => {
    for (const id of [
      'pod:default:myapp1',
      'subject:ServiceAccount:default:myapp1',
      'subject:User:bob@example.com',
      'subject:Group:system:serviceaccounts:team-a',
      'binding:RoleBinding:default:read-pods',
      'binding:ClusterRoleBinding:bob-view',
      'role:Role:default:pod-reader',
      'role:ClusterRole:view',
      'perm:role:Role:default:pod-reader:/pods',
      'perm:role:ClusterRole:view:/configmaps',
    ]) {
      expect(g.nodes.has(id), id).toBe(true);
    }
  });

  it('points Pod → ServiceAccount → binding → role → permission', () => {
    expect(edgesOf(g)).toEqual(
      expect.arrayContaining([
        'pod:default:myapp1 -runs-as-> subject:ServiceAccount:default:myapp1',
        'subject:ServiceAccount:default:myapp1 -subject-> binding:RoleBinding:default:read-pods',
        'binding:RoleBinding:default:read-pods -role-ref-> role:Role:default:pod-reader',
        'role:Role:default:pod-reader -grants-> perm:role:Role:default:pod-reader:/pods',
      ]),
    );
  });

  it('draws a binding to a missing role to a placeholder marked missing', () => {
    expect(g.nodes.get('role:Role:team-b:legacy-worker')).toMatchObject({
      missing: true,
      namespace: 'team-b',
    });
    const e = g.edges.find((x) => x.source === 'binding:RoleBinding:team-b:worker-legacy')!;
    expect(e).toMatchObject({ kind: 'role-ref', missing: true });
    // The ServiceAccount worker has no object.
    expect(g.nodes.get('subject:ServiceAccount:team-b:worker')?.missing).toBe(true);
    expect(g.nodes.get('subject:ServiceAccount:default:myapp1')?.missing).toBeUndefined();
  });

  it('links ServiceAccounts to their namespace group only when a binding names it', () => {
    expect(edgesOf(g)).toContain(
      'subject:ServiceAccount:team-a:frontend -member-of-> subject:Group:system:serviceaccounts:team-a',
    );
    expect(edgesOf(g).filter((e) => e.includes('-member-of->'))).toHaveLength(1);
    expect(g.allServiceAccountGroups).toEqual(['system:authenticated']);
  });

  it('marks the built-in policy', () => {
    expect(g.nodes.get('binding:ClusterRoleBinding:system:basic-user')?.system).toBe(true);
    expect(g.nodes.get('role:ClusterRole:system:basic-user')?.system).toBe(true);
    expect(g.nodes.get('binding:ClusterRoleBinding:bob-view')?.system).toBeUndefined();
  });

  it('lists namespaces from objects too, in natural order', () => {
    expect(g.namespaces).toEqual(['default', 'team-a', 'team-b']);
  });

  it('describes roles by their effective rules', () => {
    expect(ruleWords(g, g.nodes.get('role:ClusterRole:view')!)).toEqual([
      'get, list, watch on pods, configmaps',
    ]);
  });
});

describe('aggregation edges', () => {
  it('links an aggregated ClusterRole to each ClusterRole its selectors pick', () => {
    const sel = { matchLabels: { 'agg/monitoring': 'true' } };
    const g = buildFullGraph(
      new Authorizer(
        snapshot(
          aggregated('monitoring-reader', [sel]),
          labelled(clusterRole('metrics-pods', rule('get', '', 'pods')), {
            'agg/monitoring': 'true',
          }),
          labelled(clusterRole('metrics-nodes', rule('get', '', 'nodes')), {
            'agg/monitoring': 'true',
          }),
          clusterRole('unrelated', rule('get', '', 'secrets')),
        ),
      ),
    );
    expect(edgesOf(g).filter((e) => e.includes('-aggregates->'))).toEqual([
      'role:ClusterRole:monitoring-reader -aggregates-> role:ClusterRole:metrics-nodes',
      'role:ClusterRole:monitoring-reader -aggregates-> role:ClusterRole:metrics-pods',
    ]);
    // The aggregated role's permissions are its effective (aggregated) rules.
    expect(g.permsOf.get('role:ClusterRole:monitoring-reader')).toEqual([
      'perm:role:ClusterRole:monitoring-reader:/nodes',
      'perm:role:ClusterRole:monitoring-reader:/pods',
    ]);
    expect(g.nodes.get('role:ClusterRole:monitoring-reader')?.aggregated).toBe(true);
  });
});

describe('permission ids: one node per permission, whatever the names', () => {
  it('tells a URL of ClusterRole a from a core resource of ClusterRole a:url', () => {
    const g = buildFullGraph(
      new Authorizer(
        snapshot(
          clusterRole('a', urlRule('get', '/x')),
          clusterRole('a:url', rule('get', '', 'x')),
        ),
      ),
    );
    const [ofA] = g.permsOf.get('role:ClusterRole:a')!;
    const [ofAUrl] = g.permsOf.get('role:ClusterRole:a:url')!;
    expect(ofA).not.toBe(ofAUrl);
    expect(g.nodes.get(ofA!)).toMatchObject({ nonResourceURL: '/x' });
    expect(g.nodes.get(ofAUrl!)).toMatchObject({ apiGroup: '', resource: 'x' });
    expect(g.in.get(ofAUrl!)?.map((e) => e.source)).toEqual(['role:ClusterRole:a:url']);
  });

  it('gives every permission of roles with awkward names an id of its own that leads back to it', () => {
    const awkward = ['a', 'a:url', 'url', 'url:a', 'x:url:y', 'x', 'a:', 'a%3Aurl', 'system:url'];
    const rules = [
      urlRule('get', '/x,y:/z,*,url:/x'),
      rule('get', ',*,apps,g:h,url', 'x,*,pods/log,url:/x'),
    ];
    const s = snapshot(...awkward.map((name) => clusterRole(name, ...rules)));
    for (const ns of ['url', 'a']) {
      for (const name of ['url', 'r', 'url:r']) s.roles.push(role(ns, name, ...rules));
    }
    const g = buildFullGraph(new Authorizer(s));
    const all = [...g.permsOf.entries()].flatMap(([r, ids]) => ids.map((id) => [r, id] as const));
    expect(all.length).toBe((awkward.length + 6) * (4 + 5 * 4));
    expect(new Set(all.map(([, id]) => id)).size).toBe(all.length);
    const isRole = (id: string) => g.permsOf.has(id);
    for (const [r, id] of all) {
      expect(
        g.in.get(id)?.map((e) => e.source),
        id,
      ).toEqual([r]);
      expect(roleOfPermissionId(id, isRole), id).toBe(r);
      // Read back as a request, it is covered by itself (and by any wildcard beside it).
      expect(resolvePermission(g, id), id).toContain(id);
    }
  });
});

describe('permissionsOf: rules grouped by resource', () => {
  const R = 'role:Role:ns:r';
  it.each([
    [
      'merges verbs of rules on one resource',
      [rule('get,list', '', 'pods'), rule('watch', '', 'pods')],
      [{ id: `perm:${R}:/pods`, verbs: ['get', 'list', 'watch'] }],
    ],
    [
      'splits groups × resources',
      [rule('get', 'apps,extensions', 'deployments')],
      [
        { id: `perm:${R}:apps/deployments`, label: 'deployments.apps' },
        { id: `perm:${R}:extensions/deployments`, label: 'deployments.extensions' },
      ],
    ],
    [
      'gives rules restricted to other names nodes of their own',
      [
        rule('get', '', 'configmaps', 'a'),
        rule('update', '', 'configmaps', 'b'),
        rule('list', '', 'configmaps', 'a'),
      ],
      [
        { id: `perm:${R}:/configmaps#a`, resourceNames: ['a'], verbs: ['get', 'list'] },
        { id: `perm:${R}:/configmaps#b`, resourceNames: ['b'], verbs: ['update'] },
      ],
    ],
    [
      'numbers two name lists that read the same',
      [rule('get', '', 'configmaps', 'a+b'), rule('update', '', 'configmaps', 'a,b')],
      [
        { id: `perm:${R}:/configmaps#a+b`, resourceNames: ['a+b'], verbs: ['get'] },
        { id: `perm:${R}:/configmaps#a+b#2`, resourceNames: ['a', 'b'], verbs: ['update'] },
      ],
    ],
    [
      'draws nothing for a rule without apiGroups, which the authorizer matches to nothing',
      [{ verbs: ['get'], resources: ['pods'] }, rule('get', '', 'secrets')],
      [{ id: `perm:${R}:/secrets` }],
    ],
    [
      'draws both the resources and the URLs of a rule that has both',
      [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], nonResourceURLs: ['/healthz'] }],
      [{ id: `perm:${R}:/pods` }, { id: `perm:${R}:url:/healthz`, nonResourceURL: '/healthz' }],
    ],
    [
      'puts wildcards first and URLs last, and collapses * verbs',
      [urlRule('get', '/metrics'), rule('get', '', 'pods'), rule('*,get', '*', '*')],
      [
        { id: `perm:${R}:*/*`, verbs: ['*'] },
        { id: `perm:${R}:/pods` },
        { id: `perm:${R}:url:/metrics`, nonResourceURL: '/metrics' },
      ],
    ],
  ])('%s', (_, rules, expected) => {
    const perms = permissionsOf(
      R,
      rules.map((r, index) => ({ rule: r, index })),
      'ns',
    );
    expect(perms).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(perms[i]).toMatchObject(e));
  });
});

it('permissionsOf claims a verb on a few names for those names only', () => {
  const perms = permissionsOf(
    'role:Role:ns:r',
    [rule('get', '', 'configmaps'), rule('delete', '', 'configmaps', 'app-config')].map(
      (r, index) => ({ rule: r, index }),
    ),
  );
  expect(perms.map(describePermission)).toEqual([
    'get on configmaps',
    'delete on configmaps named app-config',
  ]);
  expect(perms.map(permissionTagLabel)).toEqual([
    'configmaps · get',
    'configmaps (app-config) · delete',
  ]);
});

it.each([
  ['', 'get on every resource in the core API group'],
  ['apps', 'get on every resource in apps'],
  ['*', 'get on every resource in every API group'],
])('describePermission: * in the API group "%s" is %s', (group, text) => {
  const [p] = permissionsOf('role:ClusterRole:c', [{ rule: rule('get', group, '*'), index: 0 }]);
  expect(describePermission(p!)).toBe(text);
});

describe('explainEdge', () => {
  const g = buildFullGraph(new Authorizer(story()));
  const explain = (source: string, target: string) => {
    const e = g.edges.find((x) => x.source === source && x.target === target)!;
    return explainEdge(e, g.nodes.get(source)!, g.nodes.get(target)!);
  };
  it.each([
    [
      'subject:Group:system:serviceaccounts:team-a',
      'binding:RoleBinding:team-a:team-a-view',
      'RoleBinding team-a-view (namespace team-a) binds Group system:serviceaccounts:team-a — grants in namespace team-a',
    ],
    [
      'binding:RoleBinding:team-a:team-a-view',
      'role:ClusterRole:view',
      'RoleBinding team-a-view (namespace team-a) grants the rules of ClusterRole view in namespace team-a only',
    ],
    [
      'binding:ClusterRoleBinding:bob-view',
      'role:ClusterRole:view',
      'ClusterRoleBinding bob-view grants ClusterRole view in every namespace and cluster-wide',
    ],
    [
      'binding:RoleBinding:team-b:worker-legacy',
      'role:Role:team-b:legacy-worker',
      'RoleBinding worker-legacy (namespace team-b) refers to Role legacy-worker, which does not exist: it grants nothing',
    ],
    [
      'role:Role:default:pod-reader',
      'perm:role:Role:default:pod-reader:/pods',
      'Role pod-reader allows get, list on pods',
    ],
    [
      'pod:default:myapp1',
      'subject:ServiceAccount:default:myapp1',
      'Pod default/myapp1 runs as ServiceAccount default/myapp1',
    ],
  ])('%s → %s', (source, target, text) => {
    expect(explain(source, target)).toBe(text);
  });
});

describe('isSystemObject', () => {
  it.each([
    [{ name: 'system:controller:foo' }, true],
    [{ name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } }, true],
    [{ name: 'cluster-admin' }, false],
    [{ name: 'my-system:role' }, false],
  ])('%j → %s', (o, expected) => {
    expect(isSystemObject(o)).toBe(expected);
  });
});
