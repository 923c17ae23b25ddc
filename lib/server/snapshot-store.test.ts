import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  adminRequest,
  createObject,
  startTestCluster,
  type TestCluster,
} from '../../e2e/fixtures/test-cluster';
import { getState, SnapshotStore, switchContext, type StoreState } from './snapshot-store';

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

/**
 * A loopback relay to a real server that holds each connection `delayMs` before passing it on:
 * a slow network to the real API server, not a fake one.
 */
async function slowRelay(target: URL, delayMs: number) {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.pause();
    setTimeout(() => {
      const upstream = net.connect(Number(target.port), target.hostname, () => {
        socket.pipe(upstream).pipe(socket);
        socket.resume();
      });
      sockets.add(upstream);
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
      socket.on('close', () => upstream.destroy());
      upstream.on('close', () => socket.destroy());
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    connections: () => count,
    close: () => {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}

describe('switching the kubeconfig context', () => {
  let cluster: TestCluster;
  /** The real cluster's context, `other` (the same cluster again), `elsewhere` (nothing listens), `forbidden` (a ServiceAccount with no rights) and `partial` (one that may list every RBAC kind but ClusterRoleBindings). */
  let kubeconfig: string;
  const saved = { KUBECONFIG: process.env.KUBECONFIG, RBAC_SOURCE: process.env.RBAC_SOURCE };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    cluster = await startTestCluster({});
    await createObject(cluster, '/api/v1/namespaces/default/serviceaccounts', {
      metadata: { name: 'nobody' },
    });
    const { status } = await adminRequest<{ status: { token: string } }>(
      cluster,
      'POST',
      '/api/v1/namespaces/default/serviceaccounts/nobody/token',
      { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} },
    );
    // `partial` may list every RBAC kind but ClusterRoleBindings.
    await createObject(cluster, '/api/v1/namespaces/default/serviceaccounts', {
      metadata: { name: 'partial' },
    });
    await createObject(cluster, '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      metadata: { name: 'partial-reader' },
      rules: [
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['roles', 'rolebindings', 'clusterroles'],
          verbs: ['list', 'watch'],
        },
      ],
    });
    await createObject(cluster, '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      metadata: { name: 'partial-reader' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'partial-reader',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'partial', namespace: 'default' }],
    });
    const partial = await adminRequest<{ status: { token: string } }>(
      cluster,
      'POST',
      '/api/v1/namespaces/default/serviceaccounts/partial/token',
      { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} },
    );
    const kc = parse(readFileSync(cluster.kubeconfig, 'utf8'));
    const real = kc.clusters[0];
    kc.clusters.push({
      name: 'elsewhere',
      cluster: { ...real.cluster, server: 'https://127.0.0.1:1' },
    });
    kc.users.push(
      { name: 'nobody', user: { token: status.token } },
      { name: 'partial', user: { token: partial.status.token } },
    );
    kc.contexts.push(
      { name: 'other', context: { cluster: real.name, user: kc.users[0].name } },
      { name: 'elsewhere', context: { cluster: 'elsewhere', user: kc.users[0].name } },
      { name: 'forbidden', context: { cluster: real.name, user: 'nobody' } },
      { name: 'partial', context: { cluster: real.name, user: 'partial' } },
    );
    kubeconfig = path.join(dir, 'switch-kubeconfig');
    writeFileSync(kubeconfig, stringify(kc));
    process.env.KUBECONFIG = kubeconfig;
  });
  afterAll(async () => {
    const global = globalThis as { __rbacExplorerStore?: SnapshotStore };
    global.__rbacExplorerStore?.close();
    delete global.__rbacExplorerStore;
    process.env.KUBECONFIG = saved.KUBECONFIG;
    process.env.RBAC_SOURCE = saved.RBAC_SOURCE;
    await cluster?.stop();
  });

  it('refuses a context that cannot be reached or forbids listing, and keeps the data and context shown', async () => {
    process.env.RBAC_SOURCE = '';
    const before = await getState();
    expect(before.cluster?.context).toBe('rbac-explorer-test');
    const roles = before.snapshot.clusterRoles.length;
    expect(roles).toBeGreaterThan(0);

    await expect(switchContext('elsewhere')).rejects.toThrow(
      /^Cannot switch to context elsewhere: cluster elsewhere is unreachable \(cannot reach https:\/\/127\.0\.0\.1:1: .+\) — still showing context rbac-explorer-test\.$/,
    );
    let after = await getState();
    expect(after.cluster?.context).toBe('rbac-explorer-test');
    expect(after.snapshot.clusterRoles.length).toBe(roles);
    expect(after.banner?.tone).toBe('error');
    expect(after.banner?.text).toMatch(/^Cannot switch to context elsewhere: /);

    const forbidden =
      'Cannot switch to context forbidden: cluster forbidden refused to list RBAC (forbidden) — still showing context rbac-explorer-test.';
    await expect(switchContext('forbidden')).rejects.toThrow(forbidden);
    after = await getState();
    expect(after.cluster?.context).toBe('rbac-explorer-test');
    expect(after.snapshot.clusterRoles.length).toBe(roles);
    expect(after.banner).toEqual({ tone: 'error', text: forbidden });

    // The context shown is still watched: a new object appears, and the note stays with it.
    await createObject(cluster, '/api/v1/namespaces/default/serviceaccounts', {
      metadata: { name: 'after-switch' },
    });
    const deadline = Date.now() + 20_000;
    while (!after.snapshot.serviceAccounts.some((s) => s.name === 'after-switch')) {
      if (Date.now() > deadline) throw new Error('the watch on the shown context stopped');
      await sleep(100);
      after = await getState();
    }
    expect(after.cluster?.context).toBe('rbac-explorer-test');
    expect(after.banner).toEqual({ tone: 'error', text: forbidden });

    // A context that answers is switched to, and the note goes.
    const switched = await switchContext('other');
    expect(switched.cluster?.context).toBe('other');
    expect(switched.snapshot.clusterRoles.length).toBeGreaterThan(0);
    expect(switched.banner).toBeUndefined();
    expect((await getState()).cluster?.context).toBe('other');
  });

  it('switches to a context that may list some RBAC kinds, with a partial-data banner', async () => {
    process.env.RBAC_SOURCE = '';
    const switched = await switchContext('partial');
    expect(switched.cluster?.context).toBe('partial');
    expect(switched.snapshot.clusterRoles.some((r) => r.name === 'partial-reader')).toBe(true);
    expect(switched.snapshot.clusterRoleBindings).toEqual([]);
    expect(switched.banner?.tone).toBe('warning');
    expect(switched.banner?.text).toMatch(/^Partial data from partial: /);
    expect(switched.banner?.text).toContain('cannot list clusterrolebindings: forbidden');
    expect(switched.banner?.text).not.toContain('cannot list clusterroles');
    // Back to a context with every right.
    expect((await switchContext('other')).banner).toBeUndefined();
  });

  it('in auto mode, a switch made while the demo is shown is not undone by asking the current context again', async () => {
    // The kubeconfig's current context points nowhere at first: the demo is shown.
    const kc = parse(readFileSync(kubeconfig, 'utf8'));
    const auto = path.join(dir, 'switch-auto-kubeconfig');
    const write = (server: string) => {
      kc.clusters.find((c: { name: string }) => c.name === 'elsewhere').cluster.server = server;
      writeFileSync(auto, stringify({ ...kc, 'current-context': 'elsewhere' }));
    };
    write('https://127.0.0.1:1');
    process.env.KUBECONFIG = auto;
    const retryMs = 200;
    const store = new SnapshotStore({ kind: 'auto' }, 0, retryMs);
    const relay = await slowRelay(new URL(cluster.server), 1000);
    try {
      const demo = await store.get();
      expect(demo.snapshot.source.kind).toBe('demo');

      await expect(store.switchContext('forbidden')).rejects.toThrow(
        'Cannot switch to context forbidden: cluster forbidden refused to list RBAC (forbidden) — still showing the demo data.',
      );
      let state: StoreState = await store.get();
      expect(state.snapshot.source.kind).toBe('demo');
      expect(state.banner?.text).toMatch(
        /^Cannot switch to context forbidden: .* Demo data — cluster elsewhere is unreachable/,
      );

      // The current context answers now, slowly: it is still being asked when the switch the
      // user asked for has been made, and must not replace it.
      write(relay.url);
      await sleep(retryMs);
      await store.get();
      const switched = await store.switchContext('other');
      expect(switched.cluster?.context).toBe('other');
      expect(switched.banner).toBeUndefined();
      const until = Date.now() + 5000;
      while (Date.now() < until) {
        await sleep(retryMs);
        state = await store.get();
        expect(state.cluster?.context).toBe('other');
      }
      expect(relay.connections()).toBeGreaterThan(0);
    } finally {
      store.close();
      relay.close();
      process.env.KUBECONFIG = kubeconfig;
    }
  });
});
