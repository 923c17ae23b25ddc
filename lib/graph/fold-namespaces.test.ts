import { describe, expect, it } from 'vitest';
import { Authorizer } from '../rbac/authorizer';
import {
  binding,
  clusterBinding,
  clusterRole,
  named,
  role,
  rule,
  snapshot,
} from '../rbac/test-builders';
import { foldNamespaces, MAX_NAMESPACE_TILES, OTHER_NAMESPACES } from './fold-namespaces';
import { buildFullGraph } from './full-graph';
import type { GraphQuery } from './model';
import { selectView } from './select-view';

function graph() {
  const s = snapshot(
    clusterRole('view', rule('get', '', 'pods')),
    clusterRole('admin', rule('*', '*', '*')),
    named('ops-admin', clusterBinding('ClusterRole:admin', 'User:ops', 'ServiceAccount:a:robot')),
    named(
      'devs-view',
      clusterBinding(
        'ClusterRole:view',
        'Group:devs',
        'ServiceAccount:a:app',
        'ServiceAccount:a:robot',
      ),
    ),
  );
  for (const ns of ['a', 'b']) {
    s.roles.push(role(ns, 'reader', rule('get', '', 'configmaps')));
    s.roleBindings.push(
      named('r', binding(ns, 'Role:reader', `ServiceAccount:${ns}:app`, 'User:carol')),
    );
    s.roleBindings.push(named('v', binding(ns, 'ClusterRole:view', 'User:dave')));
    s.serviceAccounts.push({ namespace: ns, name: 'app' });
    s.pods.push({ namespace: ns, name: 'p', serviceAccountName: 'app' });
  }
  return buildFullGraph(new Authorizer(s));
}

const q = (over: Partial<GraphQuery> = {}): GraphQuery => ({
  namespaces: [],
  kinds: [],
  highlight: [],
  system: false,
  all: false,
  ...over,
});

describe('foldNamespaces', () => {
  const g = graph();

  it('keeps the cluster-wide part and folds each namespace into one node with counts', () => {
    const folded = foldNamespaces(selectView(g, q()));
    const ids = folded.nodes.map((n) => n.id).sort();
    expect(ids).toEqual(
      [
        'binding:ClusterRoleBinding:devs-view',
        'binding:ClusterRoleBinding:ops-admin',
        'ns:a',
        'ns:b',
        'role:ClusterRole:admin',
        'role:ClusterRole:view',
        'subject:Group:devs',
        'subject:User:ops',
      ].sort(),
    );
    // carol and dave are bound only inside namespaces: counted there, not drawn.
    expect(folded.nodes.find((n) => n.id === 'ns:a')?.counts).toEqual({
      Pod: 1,
      ServiceAccount: 2,
      RoleBinding: 2,
      Role: 1,
      Permission: 1,
    });
  });

  it('links a namespace to the cluster-wide bindings its ServiceAccounts are in, counting them', () => {
    const folded = foldNamespaces(selectView(g, q()));
    const fromA = folded.edges.filter((e) => e.source === 'ns:a');
    expect(fromA.map((e) => [e.target, e.count]).sort()).toEqual([
      ['binding:ClusterRoleBinding:devs-view', 2],
      ['binding:ClusterRoleBinding:ops-admin', 1],
    ]);
    expect(fromA.every((e) => e.kind === 'contains' && e.first)).toBe(true);
    expect(folded.edges.some((e) => e.source === 'ns:b')).toBe(false);
  });

  it('keeps the focused node and what is cluster-scoped around it; links namespaces to it', () => {
    const folded = foldNamespaces(selectView(g, q({ focus: 'role:ClusterRole:view' })));
    const ids = folded.nodes.map((n) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'role:ClusterRole:view',
        'perm:role:ClusterRole:view:/pods',
        'ns:a',
        'ns:b',
      ]),
    );
    expect(
      folded.edges.filter((e) => e.target === 'role:ClusterRole:view' && e.kind === 'contains'),
    ).toHaveLength(2);
  });

  it('moves a highlight on a folded node to its namespace', () => {
    const view = selectView(
      g,
      q({ highlight: ['subject:ServiceAccount:a:app', 'subject:User:ops'] }),
    );
    expect(foldNamespaces(view).highlight).toEqual(['ns:a', 'subject:User:ops']);
  });

  describe('keeps every edge of a highlighted path whose ends are drawn', () => {
    // dave is bound in namespace a by the RoleBinding v to the ClusterRole view.
    const path = ['subject:User:dave', 'binding:RoleBinding:a:v', 'role:ClusterRole:view'];
    /** Each edge between highlighted nodes, as the folded view draws its ends. */
    const pathEdges = (view: ReturnType<typeof selectView>) => {
      const folded = foldNamespaces(view);
      const drawn = new Set(folded.nodes.map((n) => n.id));
      const byId = new Map(view.nodes.map((n) => [n.id, n]));
      const at = (id: string) => (drawn.has(id) ? id : `ns:${byId.get(id)!.namespace}`);
      const wanted = view.edges
        .filter((e) => view.highlight.includes(e.source) && view.highlight.includes(e.target))
        .map((e) => `${at(e.source)} -> ${at(e.target)}`)
        .filter((e) => !/^(\S+) -> \1$/.test(e));
      return { folded, wanted, drawn: folded.edges.map((e) => `${e.source} -> ${e.target}`) };
    };

    it.each([
      ['unfocused', undefined],
      ['focused on the subject', 'subject:User:dave'],
    ])('%s', (_, focus) => {
      const { folded, wanted, drawn } = pathEdges(
        selectView(g, q({ highlight: path, ...(focus ? { focus } : {}) })),
      );
      expect(folded.highlight).toEqual(['subject:User:dave', 'ns:a', 'role:ClusterRole:view']);
      expect(wanted.sort()).toEqual(['ns:a -> role:ClusterRole:view', 'subject:User:dave -> ns:a']);
      expect(drawn).toEqual(expect.arrayContaining(wanted));
      // The namespace's edge into the role stands for the highlighted binding's.
      const into = folded.edges.find(
        (e) => e.source === 'ns:a' && e.target === 'role:ClusterRole:view',
      )!;
      expect(into.first).toMatchObject({ source: 'binding:RoleBinding:a:v', kind: 'role-ref' });
    });
  });

  it(`draws at most ${MAX_NAMESPACE_TILES} namespace tiles, the linked ones first, the rest as one node`, () => {
    const s = snapshot(
      clusterRole('view', rule('get', '', 'pods')),
      named('ops', clusterBinding('ClusterRole:view', 'ServiceAccount:ns-999:app')),
    );
    for (let i = 0; i < 1000; i++) {
      s.serviceAccounts.push({ namespace: `ns-${i}`, name: 'app' });
      s.pods.push({ namespace: `ns-${i}`, name: 'p', serviceAccountName: 'app' });
    }
    const big = buildFullGraph(new Authorizer(s));
    const folded = foldNamespaces(selectView(big, q()));
    const tiles = folded.nodes.filter((n) => n.kind === 'Namespace');
    expect(tiles).toHaveLength(MAX_NAMESPACE_TILES);
    expect(tiles.map((t) => t.id)).toContain('ns:ns-999');
    const other = tiles.find((t) => t.id === OTHER_NAMESPACES)!;
    expect(other).toMatchObject({
      more: 1000 - MAX_NAMESPACE_TILES + 1,
      label: '601 more namespaces',
    });
    expect(other.counts).toEqual({ Pod: 601, ServiceAccount: 601 });
  });
});
