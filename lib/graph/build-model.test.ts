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
import type { RbacSnapshot } from '../rbac/types';
import { buildGraphModel, FOLD_THRESHOLD } from './build-model';
import type { GraphQuery } from './model';
import { toElements } from './to-elements';

const q = (over: Partial<GraphQuery> = {}): GraphQuery => ({
  namespaces: [],
  kinds: [],
  highlight: [],
  system: false,
  all: false,
  ...over,
});

function story(): RbacSnapshot {
  const s = snapshot(
    role('default', 'pod-reader', rule('get,list', '', 'pods')),
    named('read-pods', binding('default', 'Role:pod-reader', 'ServiceAccount:default:myapp1')),
    named('worker-legacy', binding('team-b', 'Role:legacy-worker', 'ServiceAccount:team-b:worker')),
  );
  s.serviceAccounts.push({ namespace: 'default', name: 'myapp1' });
  s.pods.push({ namespace: 'default', name: 'myapp1', serviceAccountName: 'myapp1' });
  return s;
}

/** Many namespaces of the same shape: about 16 elements each, plus a few cluster-wide grants. */
function big(namespaces: number): RbacSnapshot {
  const s = snapshot(
    clusterRole('view', rule('get', '', 'pods')),
    named('ops', clusterBinding('ClusterRole:view', 'User:ops', 'ServiceAccount:ns-1:app')),
  );
  for (let i = 0; i < namespaces; i++) {
    const ns = `ns-${i}`;
    s.namespaces.push({ name: ns });
    s.serviceAccounts.push({ namespace: ns, name: 'app' });
    s.roles.push(role(ns, 'reader', rule('get', '', 'configmaps,secrets')));
    s.roleBindings.push(named('r', binding(ns, 'Role:reader', `ServiceAccount:${ns}:app`)));
    s.pods.push({ namespace: ns, name: 'p', serviceAccountName: 'app' });
  }
  return s;
}

describe('buildGraphModel', () => {
  it('lays out the textbook case: myapp1 → read-pods → pod-reader → pods', () => {
    const m = buildGraphModel(new Authorizer(story()), q());
    const byId = new Map(m.nodes.map((n) => [n.id, n]));
    const chain = [
      'pod:default:myapp1',
      'subject:ServiceAccount:default:myapp1',
      'binding:RoleBinding:default:read-pods',
      'role:Role:default:pod-reader',
      'perm:role:Role:default:pod-reader:/pods',
    ];
    for (let i = 1; i < chain.length; i++) {
      expect(m.edges.some((e) => e.source === chain[i - 1] && e.target === chain[i])).toBe(true);
      expect(byId.get(chain[i]!)!.x!).toBeGreaterThan(byId.get(chain[i - 1]!)!.x!);
    }
    expect(byId.get('role:Role:default:pod-reader')!.rules).toEqual(['get, list on pods']);
    expect(m.edges.find((e) => e.target === 'role:Role:team-b:legacy-worker')).toMatchObject({
      missing: true,
      explain: expect.stringContaining('does not exist'),
    });
    expect(m.meta).toMatchObject({ mode: 'detail', elements: m.nodes.length + m.edges.length });
  });

  it('is JSON: what the API sends is what the page draws', () => {
    const m = buildGraphModel(new Authorizer(story()), q());
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it(`folds namespaces past ${FOLD_THRESHOLD} elements, unless asked for everything`, () => {
    const authz = new Authorizer(big(300));
    const folded = buildGraphModel(authz, q());
    expect(folded.meta.detailElements).toBeGreaterThan(FOLD_THRESHOLD);
    expect(folded.meta.mode).toBe('namespaces');
    expect(folded.nodes.filter((n) => n.kind === 'Namespace')).toHaveLength(300);
    expect(folded.meta.notices[0]).toMatch(/folded/);
    expect(folded.meta.elements).toBeLessThan(folded.meta.detailElements / 3);

    const all = buildGraphModel(authz, q({ all: true }));
    expect(all.meta.mode).toBe('detail');
    expect(all.meta.elements).toBe(folded.meta.detailElements);

    const one = buildGraphModel(authz, q({ namespaces: ['ns-1'] }));
    expect(one.meta.mode).toBe('detail');
    expect(one.nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining(['binding:ClusterRoleBinding:ops', 'pod:ns-1:p']),
    );
  });

  it('keeps recent models: the JSON export gets the model the page drew', () => {
    const authz = new Authorizer(story());
    expect(buildGraphModel(authz, q())).toBe(buildGraphModel(authz, q()));
    expect(buildGraphModel(authz, q())).not.toBe(buildGraphModel(authz, q({ system: true })));
  });

  it('never changes the shared full graph', () => {
    const authz = new Authorizer(story());
    const a = JSON.stringify(
      buildGraphModel(authz, q({ focus: 'subject:ServiceAccount:default:myapp1' })),
    );
    buildGraphModel(authz, q({ namespaces: ['default'] }));
    expect(
      JSON.stringify(buildGraphModel(authz, q({ focus: 'subject:ServiceAccount:default:myapp1' }))),
    ).toBe(a);
  });
});

describe('toElements', () => {
  const m = buildGraphModel(
    new Authorizer(story()),
    q({
      highlight: ['subject:ServiceAccount:default:myapp1', 'binding:RoleBinding:default:read-pods'],
    }),
  );
  const els = toElements(m);
  const el = (id: string) => els.find((e) => e.data.id === id)!;

  it('draws each band as a box and a label, under everything else', () => {
    const bands = els.filter((e) => e.data.band);
    expect(bands).toHaveLength(m.bands.length * 2);
    expect(els.indexOf(bands[bands.length - 1]!)).toBe(bands.length - 1);
  });

  it.each([
    ['subject:ServiceAccount:default:myapp1', 'k-ServiceAccount highlighted'],
    ['pod:default:myapp1', 'k-Pod faded'],
    ['role:Role:team-b:legacy-worker', 'k-Role missing faded'],
    [
      'subject:ServiceAccount:default:myapp1->binding:RoleBinding:default:read-pods',
      'e-subject highlighted',
    ],
    ['binding:RoleBinding:default:read-pods->role:Role:default:pod-reader', 'e-role-ref faded'],
    [
      'binding:RoleBinding:team-b:worker-legacy->role:Role:team-b:legacy-worker',
      'e-role-ref missing faded',
    ],
  ])('%s has classes %s', (id, classes) => {
    expect(el(id).classes).toBe(classes);
  });

  it('makes edges unselectable: tapping one keeps the selected node selected', () => {
    const edges = els.filter((e) => e.group === 'edges');
    expect(edges.length).toBe(m.edges.length);
    expect(edges.every((e) => e.selectable === false)).toBe(true);
  });

  it('gives nodes their preset positions and permission tags their width', () => {
    const node = m.nodes.find((n) => n.id === 'perm:role:Role:default:pod-reader:/pods')!;
    expect(el(node.id).position).toEqual({ x: node.x, y: node.y });
    expect(el(node.id).data.w).toBeGreaterThan(40);
    expect(el(node.id).data.label).toBe('pods · get, list');
  });
});

describe('buildGraphModel: bands', () => {
  const overlaps = (m: ReturnType<typeof buildGraphModel>) => {
    const pairs: string[] = [];
    m.bands.forEach((a, i) =>
      m.bands.slice(i + 1).forEach((b) => {
        if (
          a.x < b.x + b.width &&
          b.x < a.x + a.width &&
          a.y < b.y + b.height &&
          b.y < a.y + a.height
        )
          pairs.push(`${a.id} × ${b.id}`);
      }),
    );
    return pairs;
  };

  it('gives a namespace named cluster a band of its own', () => {
    const s = snapshot(
      clusterRole('view', rule('get', '', 'pods')),
      named('bob', clusterBinding('ClusterRole:view', 'User:bob')),
      role('cluster', 'r', rule('get', '', 'pods')),
      named('rb', binding('cluster', 'Role:r', 'ServiceAccount:cluster:app')),
    );
    const m = buildGraphModel(new Authorizer(s), q());
    expect(m.bands.map((b) => [b.id, b.label])).toEqual([
      ['band:cluster', 'cluster-wide'],
      ['band:ns:cluster', 'namespace cluster'],
    ]);
    const ids = toElements(m).map((e) => e.data.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps a folded view’s other bands clear of the namespace tiles', () => {
    const s = big(300);
    s.clusterRoleBindings.push(
      named('ci-view', clusterBinding('ClusterRole:view', 'Group:system:serviceaccounts:ns-5')),
    );
    const m = buildGraphModel(new Authorizer(s), q());
    expect(m.meta.mode).toBe('namespaces');
    expect(m.bands.map((b) => b.id)).toContain('band:ns:ns-5');
    expect(overlaps(m)).toEqual([]);
  });

  it('draws each link of a highlighted grant path in a folded view: RoleBinding → ClusterRole', () => {
    // As the Check page's "Show in graph" path is shown once its focus is cleared.
    const s = big(300);
    s.serviceAccounts.push({ namespace: 'ns-7', name: 'viewer' });
    s.roleBindings.push(
      named('viewer-view', binding('ns-7', 'ClusterRole:view', 'ServiceAccount:ns-7:viewer')),
    );
    const path = [
      'subject:ServiceAccount:ns-7:viewer',
      'binding:RoleBinding:ns-7:viewer-view',
      'role:ClusterRole:view',
    ];
    const m = buildGraphModel(new Authorizer(s), q({ highlight: path }));
    expect(m.meta.mode).toBe('namespaces');
    expect(m.meta.highlight).toEqual(['ns:ns-7', 'role:ClusterRole:view']);
    const el = toElements(m).find((e) => e.data.id === 'ns:ns-7->role:ClusterRole:view');
    expect(el?.classes).toContain('highlighted');
    expect(m.edges.find((e) => e.id === 'ns:ns-7->role:ClusterRole:view')?.explain).toBe(
      'RoleBinding viewer-view (namespace ns-7) grants the rules of ClusterRole view in namespace ns-7 only',
    );
  });

  it('makes no "0 more namespaces" tile when every namespace links to the cluster-wide part', () => {
    const s = big(450);
    s.clusterRoleBindings.push(
      named(
        'all-apps',
        clusterBinding(
          'ClusterRole:view',
          ...Array.from({ length: 450 }, (_, i) => `ServiceAccount:ns-${i}:app`),
        ),
      ),
    );
    const m = buildGraphModel(new Authorizer(s), q());
    expect(m.meta.mode).toBe('namespaces');
    expect(m.nodes.filter((n) => n.kind === 'Namespace')).toHaveLength(450);
    expect(m.nodes.map((n) => n.id)).not.toContain('more:namespaces');
  });
});
