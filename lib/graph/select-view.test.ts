import { describe, expect, it } from 'vitest';
import { Authorizer } from '../rbac/authorizer';
import {
  binding,
  clusterBinding,
  clusterRole,
  labelled,
  named,
  role,
  rule,
  snapshot,
} from '../rbac/test-builders';
import type { RbacSnapshot } from '../rbac/types';
import { buildFullGraph } from './full-graph';
import type { GraphQuery } from './model';
import { PERMISSIONS_SHOWN, resolvePermission, selectView } from './select-view';

const RESOURCES = Array.from({ length: 12 }, (_, i) => `things${String(i).padStart(2, '0')}`).join(
  ',',
);

function cluster(): RbacSnapshot {
  const s = snapshot(
    role('default', 'pod-reader', rule('get,list', '', 'pods')),
    role('default', 'unbound', rule('get', '', 'secrets')),
    named('read-pods', binding('default', 'Role:pod-reader', 'ServiceAccount:default:myapp1')),
    role('team-b', 'pod-reader-tb', rule('get,list', '', 'pods')),
    // The classic mistake: a binding in team-b for a ServiceAccount of default.
    named('read-pods', binding('team-b', 'Role:pod-reader-tb', 'ServiceAccount:default:myapp1')),
    named(
      'team-a-view',
      binding('team-a', 'ClusterRole:view', 'Group:system:serviceaccounts:team-a'),
    ),
    named('alice-edit', binding('team-a', 'ClusterRole:edit', 'User:alice')),
    clusterRole('view', rule('get,list,watch', '', 'pods,configmaps')),
    clusterRole('edit', rule('*', '', RESOURCES)),
    named('bob-view', clusterBinding('ClusterRole:view', 'User:bob')),
    named('ci-admin', clusterBinding('ClusterRole:cluster-admin', 'ServiceAccount:ci:deployer')),
    clusterRole('cluster-admin', rule('*', '*', '*')),
    clusterRole('logs', rule('get', '', 'pods/*'), rule('get', '*', '*/log')),
    labelled(clusterRole('builtin-discovery', rule('get', '', 'apis')), {
      'kubernetes.io/bootstrapping': 'rbac-defaults',
    }),
    named(
      'system:discovery',
      clusterBinding('ClusterRole:builtin-discovery', 'Group:system:authenticated'),
    ),
    clusterRole('system:aggregate-to-view', rule('get', '', 'events')),
  );
  s.serviceAccounts.push(
    { namespace: 'default', name: 'myapp1' },
    { namespace: 'default', name: 'idle' },
    { namespace: 'team-a', name: 'frontend' },
    { namespace: 'ci', name: 'deployer' },
  );
  s.pods.push(
    { namespace: 'default', name: 'myapp1', serviceAccountName: 'myapp1' },
    { namespace: 'team-a', name: 'frontend-1', serviceAccountName: 'frontend' },
  );
  return s;
}

const g = buildFullGraph(new Authorizer(cluster()));
const q = (over: Partial<GraphQuery> = {}): GraphQuery => ({
  namespaces: [],
  kinds: [],
  highlight: [],
  system: false,
  all: false,
  ...over,
});
const ids = (over: Partial<GraphQuery> = {}) =>
  new Set(
    selectView(g, q(over))
      .nodes.map((n) => n.id)
      .filter((id) => !id.startsWith('perm:') && !id.startsWith('more:')),
  );

describe('selectView without focus', () => {
  it.each<[string, Partial<GraphQuery>, string[], string[]]>([
    [
      'the default view: bindings, their subjects and roles, Pods, namespaced Roles',
      {},
      [
        'pod:default:myapp1',
        'subject:ServiceAccount:default:myapp1',
        'binding:RoleBinding:default:read-pods',
        'role:Role:default:pod-reader',
        'role:Role:default:unbound',
        'subject:User:bob',
        'role:ClusterRole:cluster-admin',
        'subject:ServiceAccount:team-a:frontend',
      ],
      // Built-in policy, and ServiceAccounts with neither Pods nor bindings.
      [
        'binding:ClusterRoleBinding:system:discovery',
        'subject:Group:system:authenticated',
        'subject:ServiceAccount:default:idle',
      ],
    ],
    [
      'with the built-in policy',
      { system: true },
      ['binding:ClusterRoleBinding:system:discovery', 'role:ClusterRole:builtin-discovery'],
      [],
    ],
    [
      'one namespace: its objects, subjects bound there from elsewhere, its unbound ServiceAccounts',
      { namespaces: ['default'] },
      [
        'subject:ServiceAccount:default:idle',
        'binding:RoleBinding:default:read-pods',
        'role:Role:default:unbound',
      ],
      [
        'binding:RoleBinding:team-b:read-pods',
        'binding:ClusterRoleBinding:bob-view',
        'pod:team-a:frontend-1',
      ],
    ],
    [
      'team-b shows myapp1 of default, bound in the wrong namespace',
      { namespaces: ['team-b'] },
      ['binding:RoleBinding:team-b:read-pods', 'subject:ServiceAccount:default:myapp1'],
      ['pod:default:myapp1', 'binding:RoleBinding:default:read-pods'],
    ],
    [
      'a namespace keeps the ClusterRoleBindings that name its ServiceAccounts',
      { namespaces: ['ci'] },
      ['binding:ClusterRoleBinding:ci-admin', 'role:ClusterRole:cluster-admin'],
      ['binding:ClusterRoleBinding:bob-view'],
    ],
    [
      'only Users',
      { kinds: ['User'] },
      ['subject:User:bob', 'subject:User:alice', 'binding:ClusterRoleBinding:bob-view'],
      [
        'pod:default:myapp1',
        'subject:ServiceAccount:default:myapp1',
        'binding:RoleBinding:default:read-pods',
        'role:Role:default:unbound',
      ],
    ],
  ])('%s', (_, over, present, absent) => {
    const view = ids(over);
    for (const id of present) expect(view, id).toContain(id);
    for (const id of absent) expect(view, id).not.toContain(id);
  });

  it('says which asked-for namespaces the data does not have', () => {
    expect(selectView(g, q({ namespaces: ['default', 'nope'] })).notices).toEqual([
      'There is no namespace nope in this data.',
    ]);
    const none = selectView(g, q({ namespaces: ['nope', 'nada'] }));
    expect(none.notices).toEqual(['There are no namespaces nope, nada in this data.']);
    expect(none.nodes).toEqual([]);
    expect(selectView(g, q({ namespaces: ['team-b'] })).notices).toEqual([]);
  });

  it('only keeps edges between shown nodes', () => {
    const view = selectView(g, q({ namespaces: ['team-b'] }));
    const shown = new Set(view.nodes.map((n) => n.id));
    for (const e of view.edges) {
      expect(shown.has(e.source) && shown.has(e.target), `${e.source}->${e.target}`).toBe(true);
    }
  });
});

describe('selectView with focus', () => {
  it('a ServiceAccount: its Pods, bindings (also through groups), roles, permissions — no siblings', () => {
    const view = ids({ focus: 'subject:ServiceAccount:team-a:frontend' });
    expect([...view].sort()).toEqual(
      [
        'pod:team-a:frontend-1',
        'subject:ServiceAccount:team-a:frontend',
        'subject:Group:system:serviceaccounts:team-a',
        'binding:RoleBinding:team-a:team-a-view',
        'role:ClusterRole:view',
      ].sort(),
    );
  });

  it('shows the built-in bindings a focused ServiceAccount gets through system:authenticated only with the built-in policy', () => {
    expect(ids({ focus: 'subject:ServiceAccount:team-a:frontend' })).not.toContain(
      'subject:Group:system:authenticated',
    );
    expect(ids({ focus: 'subject:ServiceAccount:team-a:frontend', system: true })).toContain(
      'binding:ClusterRoleBinding:system:discovery',
    );
  });

  it('a subject only built-in bindings name: shows them without asking for the built-in policy', () => {
    expect(ids({ focus: 'subject:Group:system:authenticated' })).toEqual(
      new Set([
        'subject:Group:system:authenticated',
        'binding:ClusterRoleBinding:system:discovery',
        'role:ClusterRole:builtin-discovery',
      ]),
    );
  });

  it('a role: who is bound to it and every permission, uncapped', () => {
    const view = selectView(g, q({ focus: 'role:ClusterRole:edit' }));
    const perms = view.nodes.filter((n) => n.kind === 'Permission');
    expect(perms).toHaveLength(12);
    expect(perms.some((p) => p.more)).toBe(false);
    expect(view.nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining(['binding:RoleBinding:team-a:alice-edit', 'subject:User:alice']),
    );
  });

  it('within a namespace filter: myapp1 in team-b only', () => {
    const view = ids({ focus: 'subject:ServiceAccount:default:myapp1', namespaces: ['team-b'] });
    expect(view).toContain('binding:RoleBinding:team-b:read-pods');
    expect(view).not.toContain('binding:RoleBinding:default:read-pods');
  });

  it('an unknown focus says so and shows the whole view', () => {
    const view = selectView(g, q({ focus: 'subject:User:nobody' }));
    expect(view.focus).toBeUndefined();
    expect(view.notices[0]).toMatch(/no subject:User:nobody/);
    expect(view.nodes.length).toBeGreaterThan(10);
  });
});

describe('permissions', () => {
  it(`shows ${PERMISSIONS_SHOWN} per role and a "more" node for the rest`, () => {
    const view = selectView(g, q());
    const ofEdit = view.edges
      .filter((e) => e.source === 'role:ClusterRole:edit')
      .map((e) => e.target);
    expect(ofEdit).toHaveLength(PERMISSIONS_SHOWN + 1);
    const more = view.nodes.find((n) => n.id === 'more:role:ClusterRole:edit');
    expect(more).toMatchObject({ kind: 'Permission', more: 12 - PERMISSIONS_SHOWN });
  });

  it('keeps a highlighted permission past the cut', () => {
    const hidden = 'perm:role:ClusterRole:edit:/things11';
    expect(selectView(g, q()).nodes.some((n) => n.id === hidden)).toBe(false);
    const view = selectView(g, q({ highlight: [hidden] }));
    expect(view.nodes.some((n) => n.id === hidden)).toBe(true);
    expect(view.highlight).toEqual([hidden]);
  });
});

describe('resolvePermission: a checker may name the request, not the rule', () => {
  it.each([
    ['perm:role:Role:default:pod-reader:/pods', ['perm:role:Role:default:pod-reader:/pods']],
    [
      'perm:role:ClusterRole:cluster-admin:apps/deployments',
      ['perm:role:ClusterRole:cluster-admin:*/*'],
    ],
    ['perm:role:ClusterRole:view:/pods/log', []],
    // `pods/*` is not a wildcard to the authorizer: it covers no subresource.
    ['perm:role:ClusterRole:logs:/pods/log', ['perm:role:ClusterRole:logs:*/*/log']],
    ['perm:role:ClusterRole:view:apps/pods', []],
    [
      'perm:role:ClusterRole:system:aggregate-to-view:/events',
      ['perm:role:ClusterRole:system:aggregate-to-view:/events'],
    ],
    ['perm:role:ClusterRole:nope:/pods', []],
  ])('%s', (id, expected) => {
    expect(resolvePermission(g, id)).toEqual(expected);
  });

  it('highlights resolved permissions and reports the ones that do not exist', () => {
    const view = selectView(
      g,
      q({
        highlight: [
          'subject:User:bob',
          'perm:role:ClusterRole:cluster-admin:/secrets',
          'role:Role:x:y',
        ],
      }),
    );
    expect(view.highlight).toEqual(['subject:User:bob', 'perm:role:ClusterRole:cluster-admin:*/*']);
    expect(view.notices.join(' ')).toMatch(/role:Role:x:y/);
  });
});

describe('permission ids of roles whose names hold :url', () => {
  const awkward = buildFullGraph(
    new Authorizer(
      snapshot(
        clusterRole('a', { verbs: ['get'], nonResourceURLs: ['/x'] }),
        clusterRole('a:url', rule('get', '', 'x')),
        clusterRole('b:url', rule('get', '', 'x')),
        role('url', 'reader', rule('get', '', 'pods')),
        clusterRole('system', rule('*', '*', '*')),
        clusterRole('system:x', rule('get', '', 'pods')),
      ),
    ),
  );
  const idOf = (role: string) => awkward.permsOf.get(role)![0]!;

  it('highlights the permission asked for, with its own role', () => {
    for (const role of ['role:ClusterRole:a', 'role:ClusterRole:a:url']) {
      const view = selectView(awkward, q({ highlight: [idOf(role)] }));
      expect(view.highlight).toEqual([idOf(role)]);
      expect(view.nodes.map((n) => n.id)).toContain(role);
    }
  });

  it('keeps the plain id where both readings name a role', () => {
    // URL /x of ClusterRole a keeps its id; resource x of ClusterRole a:url is written apart.
    expect(idOf('role:ClusterRole:a')).toBe('perm:role:ClusterRole:a:url:/x');
    expect(idOf('role:ClusterRole:a:url')).toBe('perm:role%3AClusterRole%3Aa%3Aurl:/x');
  });

  it('reads an id of a role written as it is in one way only, not as another role’s', () => {
    expect(resolvePermission(awkward, 'perm:role:ClusterRole:system:x:/secrets')).toEqual([]);
  });
});

describe('selectView: focus', () => {
  it('shows what a user gets as a member of system:authenticated, as a ServiceAccount does', () => {
    const s = snapshot(
      clusterRole('basic', rule('get', '', 'namespaces')),
      named('everyone', clusterBinding('ClusterRole:basic', 'Group:system:authenticated')),
      named('alice-view', clusterBinding('ClusterRole:basic', 'User:alice')),
    );
    const view = selectView(buildFullGraph(new Authorizer(s)), q({ focus: 'subject:User:alice' }));
    expect(view.nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining([
        'subject:Group:system:authenticated',
        'binding:ClusterRoleBinding:everyone',
      ]),
    );
    expect(view.edges).toContainEqual(
      expect.objectContaining({
        source: 'subject:User:alice',
        target: 'subject:Group:system:authenticated',
        kind: 'member-of',
      }),
    );
    // system:anonymous is not authenticated.
    const anon = selectView(
      buildFullGraph(
        new Authorizer(
          snapshot(
            ...s.clusterRoles,
            ...s.clusterRoleBindings,
            named('anon', clusterBinding('ClusterRole:basic', 'User:system:anonymous')),
          ),
        ),
      ),
      q({ focus: 'subject:User:system:anonymous', system: true }),
    );
    expect(anon.nodes.map((n) => n.id)).not.toContain('subject:Group:system:authenticated');
  });

  it('keeps a focused permission that is past the first few of its role', () => {
    const focus = 'perm:role:ClusterRole:edit:/things11';
    const view = selectView(g, q({ focus }));
    expect(view.focus).toBe(focus);
    expect(view.nodes.map((n) => n.id)).toContain(focus);
  });

  it('focuses the role of a "+N more" tag, with every permission of it', () => {
    const view = selectView(g, q({ focus: 'more:role:ClusterRole:edit' }));
    expect(view.notices).toEqual([]);
    expect(view.focus).toBe('role:ClusterRole:edit');
    expect(view.nodes.filter((n) => n.kind === 'Permission')).toHaveLength(12);
  });
});
