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
import { buildFullGraph } from './full-graph';
import {
  assignBands,
  COLUMN_GAP,
  columnsOf,
  labelWidth,
  layoutGraph,
  permissionTagLabel,
  ROW,
  spread,
} from './layout';
import { columnOf, type GraphNode } from './model';
import { selectView } from './select-view';

describe('spread: least-squares positions in order, at least a gap apart', () => {
  it.each<[number[], number, number[]]>([
    [[], 10, []],
    [[5], 10, [5]],
    [[0, 100], 10, [0, 100]],
    [[0, 0], 10, [-5, 5]],
    [[0, 0, 0], 10, [-10, 0, 10]],
    [[50, 0, 100], 10, [20, 30, 100]],
  ])('%j gap %d → %j', (desired, gap, expected) => {
    const got = spread(desired, gap);
    expect(got.map((v) => Math.round(v * 1000) / 1000)).toEqual(expected);
  });
});

function view() {
  const s = snapshot(
    role('default', 'pod-reader', rule('get,list', '', 'pods')),
    named('read-pods', binding('default', 'Role:pod-reader', 'ServiceAccount:default:myapp1')),
    named('tb', binding('team-b', 'Role:pod-reader', 'ServiceAccount:default:myapp1')),
    clusterRole('cluster-admin', rule('*', '*', '*')),
    named('ci-admin', clusterBinding('ClusterRole:cluster-admin', 'ServiceAccount:ci:deployer')),
    clusterRole('view', rule('get', '', 'pods,services,configmaps')),
    named('bob', clusterBinding('ClusterRole:view', 'User:bob')),
    named('alice', binding('team-a', 'ClusterRole:view', 'User:alice')),
    named('alice2', binding('team-b', 'ClusterRole:view', 'User:alice')),
    clusterRole('edit', rule('*', '', 'pods')),
    named('carol', binding('team-a', 'ClusterRole:edit', 'User:carol')),
  );
  s.pods.push({ namespace: 'default', name: 'myapp1', serviceAccountName: 'myapp1' });
  const g = buildFullGraph(new Authorizer(s));
  return selectView(g, { namespaces: [], kinds: [], highlight: [], system: false, all: false });
}

describe('assignBands', () => {
  const v = view();
  const bands = assignBands(v.nodes, v.edges);
  it.each([
    ['pod:default:myapp1', 'default'],
    ['binding:RoleBinding:team-b:tb', 'team-b'],
    // A ClusterRoleBinding whose subjects all live in one namespace sits with them.
    ['binding:ClusterRoleBinding:ci-admin', 'ci'],
    ['role:ClusterRole:cluster-admin', 'ci'],
    ['perm:role:ClusterRole:cluster-admin:*/*', 'ci'],
    // Bound in two namespaces, or from two places: cluster-wide.
    ['subject:User:alice', ''],
    ['role:ClusterRole:view', ''],
    // Used in one namespace only: with it.
    ['subject:User:carol', 'team-a'],
    ['role:ClusterRole:edit', 'team-a'],
  ])('%s → %j', (id, band) => {
    expect(bands.get(id)).toBe(band);
  });
});

describe('layoutGraph', () => {
  const v = view();
  const { positions, bands } = layoutGraph(v.nodes, v.edges);

  it('is deterministic', () => {
    const again = layoutGraph(v.nodes, v.edges);
    expect([...again.positions]).toEqual([...positions]);
    expect(again.bands).toEqual(bands);
  });

  it('places every node in its column, edges running left to right', () => {
    const { xs } = columnsOf(v.nodes);
    for (const n of v.nodes) {
      const p = positions.get(n.id)!;
      const x = xs[columnOf(n.kind)]!;
      if (n.kind === 'Permission') expect(p.x).toBeGreaterThan(x);
      else expect(p.x).toBe(x);
    }
    for (const e of v.edges)
      expect(positions.get(e.source)!.x).toBeLessThan(positions.get(e.target)!.x);
  });

  it('keeps nodes of a column at least a row apart', () => {
    const byColumn = new Map<number, number[]>();
    for (const n of v.nodes) {
      const c = columnOf(n.kind);
      byColumn.set(c, [...(byColumn.get(c) ?? []), positions.get(n.id)!.y]);
    }
    for (const ys of byColumn.values()) {
      const sorted = ys.sort((a, b) => a - b);
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(ROW - 1e-6);
    }
  });

  it('stacks bands without overlap, cluster-wide first, then namespaces by name, each around its nodes', () => {
    expect(bands.map((b) => b.label)).toEqual([
      'cluster-wide',
      'namespace ci',
      'namespace default',
      'namespace team-a',
      'namespace team-b',
    ]);
    for (let i = 1; i < bands.length; i++) {
      expect(bands[i]!.y).toBeGreaterThan(bands[i - 1]!.y + bands[i - 1]!.height);
    }
    const band = bands.find((b) => b.namespace === 'default')!;
    const p = positions.get('pod:default:myapp1')!;
    expect(p.y).toBeGreaterThan(band.y);
    expect(p.y).toBeLessThan(band.y + band.height);
  });

  it('puts folded namespaces in a grid left of the cluster-wide band', () => {
    const tiles: GraphNode[] = Array.from({ length: 30 }, (_, i) => ({
      id: `ns:ns-${i}`,
      kind: 'Namespace',
      label: `ns-${i}`,
      namespace: `ns-${i}`,
    }));
    const r = layoutGraph(tiles, []);
    const xs = tiles.map((t) => r.positions.get(t.id)!.x);
    expect(Math.max(...xs)).toBeLessThan(columnsOf(tiles).xs[1]!);
    expect(
      new Set(tiles.map((t) => `${r.positions.get(t.id)!.x},${r.positions.get(t.id)!.y}`)).size,
    ).toBe(30);
    // Column by column, in natural order: ns-2 comes before ns-10.
    const order = [...tiles]
      .sort((a, b) => {
        const pa = r.positions.get(a.id)!;
        const pb = r.positions.get(b.id)!;
        return pa.x - pb.x || pa.y - pb.y;
      })
      .map((t) => t.label);
    expect(order.slice(0, 12)).toEqual([
      'ns-0',
      'ns-1',
      'ns-2',
      'ns-3',
      'ns-4',
      'ns-5',
      'ns-6',
      'ns-7',
      'ns-8',
      'ns-9',
      'ns-10',
      'ns-11',
    ]);
  });
});

describe('columnsOf: each column as wide as its labels need', () => {
  const node = (kind: GraphNode['kind'], label: string): GraphNode => ({
    id: `${kind}:${label}`,
    kind,
    label,
  });
  const chain = (name: string) => [
    node('Pod', name),
    node('ServiceAccount', name),
    node('RoleBinding', name),
    node('Role', name),
    { ...node('Permission', 'pods'), resource: 'pods', verbs: ['get'] },
  ];

  it('draws short names in narrow columns, no narrower than 130', () => {
    const { xs } = columnsOf(chain('a'));
    expect(xs).toEqual([0, 130, 260, 390, 520]);
  });

  it('gives a column its longest label and 65 more, at most 250', () => {
    const nodes = [...chain('a'), node('RoleBinding', 'read-pods-in-default')];
    const { xs } = columnsOf(nodes);
    expect(xs[3]! - xs[2]!).toBe(labelWidth('read-pods-in-default', 13) + COLUMN_GAP.beyondLabel);
    expect(columnsOf(chain('x'.repeat(60))).xs).toEqual([0, 250, 500, 750, 1000]);
  });

  it('leaves room for the words of a missing role, and for the widest tag', () => {
    const missing = { ...node('Role', 'gone'), missing: true };
    const wide = columnsOf([...chain('a'), missing]);
    expect(wide.xs[4]! - wide.xs[3]!).toBe(
      labelWidth('gone (missing)', 13) + COLUMN_GAP.beyondLabel,
    );
    const tags = [
      { ...node('Permission', 'configmaps'), resource: 'configmaps', verbs: ['get', 'list'] },
    ];
    const { xs, right } = columnsOf([...chain('a'), ...tags]);
    expect(right).toBe(xs[4]! + labelWidth('configmaps · get, list') + 18 + 10);
  });

  it('keeps every label clear of the next column in a laid-out view', () => {
    const s = snapshot(
      role('default', 'pod-reader', rule('get,list', '', 'pods')),
      named('read-pods', binding('default', 'Role:pod-reader', 'ServiceAccount:default:myapp1')),
      named(
        'a-binding-with-a-rather-long-name',
        binding('default', 'Role:pod-reader', 'User:someone@example.com'),
      ),
    );
    const full = buildFullGraph(new Authorizer(s));
    const v = selectView(full, {
      namespaces: [],
      kinds: [],
      highlight: [],
      system: false,
      all: false,
    });
    const { positions } = layoutGraph(v.nodes, v.edges);
    const { xs } = columnsOf(v.nodes);
    for (const n of v.nodes) {
      const c = columnOf(n.kind);
      if (c === 4) continue;
      const labelEnd = positions.get(n.id)!.x + 15 + 7 + Math.min(185, labelWidth(n.label, 13));
      expect(labelEnd).toBeLessThanOrEqual(xs[c + 1]! - 15 - 28);
    }
  });
});

describe('permissionTagLabel', () => {
  const perm = (over: Partial<GraphNode>): GraphNode => ({
    id: 'p',
    kind: 'Permission',
    label: 'pods',
    ...over,
  });
  it.each<[Partial<GraphNode>, string]>([
    [{ apiGroup: '', resource: 'pods', verbs: ['get', 'list'] }, 'pods · get, list'],
    [{ apiGroup: '*', resource: '*', verbs: ['*'] }, 'all resources · all verbs'],
    [{ apiGroup: 'apps', resource: '*', verbs: ['get'] }, 'all of apps · get'],
    [{ apiGroup: '*', resource: 'pods', verbs: ['get'] }, 'pods (any group) · get'],
    [
      { label: 'configmaps', resource: 'configmaps', resourceNames: ['a'], verbs: ['get'] },
      'configmaps (a) · get',
    ],
    [
      { label: 'configmaps', resource: 'configmaps', resourceNames: ['a', 'b'], verbs: ['get'] },
      'configmaps (2 named) · get',
    ],
    [{ label: '/metrics', nonResourceURL: '/metrics', verbs: ['get'] }, '/metrics · get'],
    [{ label: '+3 more', more: 3 }, '+3 more'],
  ])('%j → %s', (over, text) => {
    expect(permissionTagLabel(perm(over))).toBe(text);
  });
});
