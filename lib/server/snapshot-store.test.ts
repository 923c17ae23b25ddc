import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../../e2e/fixtures/test-cluster';
import { SnapshotStore } from './snapshot-store';

const dir = mkdtempSync(path.join(os.tmpdir(), 'snapshot-store-test-'));

/** Writes a file with a modification time `ageS` seconds ahead, so the store sees a change. */
function write(file: string, text: string, ageS: number) {
  writeFileSync(file, text);
  const t = new Date(Date.now() + ageS * 1000);
  utimesSync(file, t, t);
}

describe('SnapshotStore on a file source', () => {
  it('keeps the last good data when the file is emptied, and takes the next good one', async () => {
    const file = path.join(dir, 'rbac.yaml');
    write(file, 'kind: Namespace\nmetadata: {name: team-a}\n', 0);
    const store = new SnapshotStore({ kind: 'file', paths: [file] }, 0);
    const first = await store.get();
    expect(first.snapshot.namespaces.map((n) => n.name)).toEqual(['team-a']);

    write(file, '', 5);
    const emptied = await store.get();
    expect(emptied.snapshot.namespaces.map((n) => n.name)).toEqual(['team-a']);
    expect(emptied.banner).toEqual({
      tone: 'warning',
      text: 'The dump files now hold no RBAC objects — still showing the last good data.',
    });

    write(file, 'kind: Namespace\nmetadata: {name: team-b}\n', 10);
    const next = await store.get();
    expect(next.snapshot.namespaces.map((n) => n.name)).toEqual(['team-b']);
    expect(next.banner).toBeUndefined();
  });
});

describe('SnapshotStore in auto mode', () => {
  let cluster: TestCluster | undefined;
  afterAll(() => cluster?.stop());

  it('shows the demo while the context does not answer, then the cluster once it does', async () => {
    cluster = await startTestCluster({});
    // The real cluster's kubeconfig, first pointed at a port where nothing listens.
    const real = readFileSync(cluster.kubeconfig, 'utf8');
    const server = real.match(/server: (\S+)/)![1]!;
    const kubeconfig = path.join(dir, 'auto-kubeconfig');
    writeFileSync(kubeconfig, real.replace(server, 'https://127.0.0.1:1'));
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = kubeconfig;
    const store = new SnapshotStore({ kind: 'auto' }, 0, 200);
    try {
      const first = await store.get();
      expect(first.snapshot.source.kind).toBe('demo');
      expect(first.banner?.text).toMatch(/^Demo data — cluster rbac-explorer-test is unreachable/);

      writeFileSync(kubeconfig, real);
      const deadline = Date.now() + 30_000;
      let state = await store.get();
      while (!state.cluster && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        state = await store.get();
      }
      expect(state.snapshot.source.kind).toBe('cluster');
      expect(state.banner).toBeUndefined();
      expect(state.version).toBeGreaterThan(first.version);
    } finally {
      store.close();
      process.env.KUBECONFIG = saved;
    }
  });
});
