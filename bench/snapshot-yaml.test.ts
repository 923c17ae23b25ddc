import { describe, expect, it } from 'vitest';
import { parseDump } from '../lib/sources/parse-dump';
import { snapshotFromDump } from '../lib/sources/snapshot-from-dump';
import type { RbacSnapshot } from '../lib/rbac/types';
import { generateCluster } from './synthetic-cluster';
import { snapshotToYaml } from './snapshot-yaml';

/** A few namespaces of the S cluster, with every kind of object it holds: quick to round-trip. */
function sample(): RbacSnapshot {
  const s = generateCluster('S');
  const keep = new Set(['ns-0', 'ns-1', 'ns-2']);
  const inKept = (o: { namespace: string }) => keep.has(o.namespace);
  return {
    ...s,
    namespaces: s.namespaces.filter((n) => keep.has(n.name)),
    serviceAccounts: s.serviceAccounts.filter(inKept),
    roles: s.roles.filter(inKept),
    roleBindings: s.roleBindings.filter(inKept),
    pods: s.pods.filter(inKept),
  };
}

describe('snapshotToYaml', () => {
  it('writes a dump the file source reads back into the same snapshot', () => {
    const original = sample();
    // The sample has aggregated and labelled ClusterRoles, non-resource rules and every subject kind.
    expect(original.clusterRoles.some((r) => r.aggregationRule)).toBe(true);
    expect(original.clusterRoles.some((r) => r.labels)).toBe(true);
    expect(original.clusterRoles.some((r) => r.rules.some((x) => x.nonResourceURLs))).toBe(true);
    const kinds = new Set(
      [...original.roleBindings, ...original.clusterRoleBindings].flatMap((b) =>
        b.subjects.map((x) => x.kind),
      ),
    );
    expect(kinds).toEqual(new Set(['ServiceAccount', 'User', 'Group']));
    const load = snapshotFromDump(
      [parseDump(snapshotToYaml(original), 'synthetic.yaml')],
      original.source,
    );
    expect(load.errors).toEqual([]);
    expect(load.skipped).toEqual({});
    const { warnings: _w, ...read } = load.snapshot;
    const { warnings: _o, ...expected } = original;
    expect(read).toEqual(expected);
  });
});
