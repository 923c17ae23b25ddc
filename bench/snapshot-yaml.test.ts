import { describe, expect, it } from 'vitest';
import { parseDump } from '../lib/sources/parse-dump';
import { snapshotFromDump } from '../lib/sources/snapshot-from-dump';
import { generateCluster } from './synthetic-cluster';
import { snapshotToYaml } from './snapshot-yaml';

describe('snapshotToYaml', () => {
  it('writes a dump the file source reads back into the same snapshot', () => {
    const original = generateCluster('S');
    const yaml = snapshotToYaml(original);
    const load = snapshotFromDump([parseDump(yaml, 'synthetic-S.yaml')], original.source);
    expect(load.errors).toEqual([]);
    expect(load.skipped).toEqual({});
    const { warnings: _w, ...read } = load.snapshot;
    const { warnings: _o, ...expected } = original;
    expect(read).toEqual(expected);
  });
});
