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
import { assignBands, COLUMN_X, layoutGraph, permissionTagLabel, ROW, spread } from './layout';
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
    for (const n of v.nodes) {
      const p = positions.get(n.id)!;
      const x = COLUMN_X[columnOf(n.kind) as 0 | 1 | 2 | 3 | 4];
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
    expect(Math.max(...xs)).toBeLessThan(COLUMN_X[1]);
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
      'configmaps (1 named) · get',
    ],
    [{ label: '/metrics', nonResourceURL: '/metrics', verbs: ['get'] }, '/metrics · get'],
    [{ label: '+3 more', more: 3 }, '+3 more'],
  ])('%j → %s', (over, text) => {
    expect(permissionTagLabel(perm(over))).toBe(text);
  });
});
