import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRequest, startTestCluster, type TestCluster } from '../../e2e/fixtures/test-cluster';
import { KubeClient } from '../kube/kube-client';
import { ClusterSource } from './cluster-source';

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster();
}, 600_000);
afterAll(() => cluster?.stop());

/** A client that authenticates with a token, as a ServiceAccount would. */
function clientWithToken(token: string): KubeClient {
  const admin = new KubeConfig();
  admin.loadFromFile(cluster.kubeconfig);
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(admin.getCurrentCluster()!, { name: 'reader', token });
  return new KubeClient(kc);
}

async function until(what: string, ok: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('ClusterSource when the API server forbids or is unreachable', () => {
  it('reads what it may, warns per kind, and recovers by itself when allowed', async () => {
    const rbac = '/apis/rbac.authorization.k8s.io/v1';
    await adminRequest(cluster, 'POST', '/api/v1/namespaces/default/serviceaccounts', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'partial-reader' },
    });
    await adminRequest(cluster, 'POST', `${rbac}/clusterroles`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'partial-reader' },
      rules: [
        {
          apiGroups: [''],
          resources: ['namespaces', 'serviceaccounts', 'pods'],
          verbs: ['list', 'watch'],
        },
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['roles', 'rolebindings', 'clusterrolebindings'],
          verbs: ['list', 'watch'],
        },
      ],
    });
    const bind = (name: string, role: string) =>
      adminRequest(cluster, 'POST', `${rbac}/clusterrolebindings`, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects: [{ kind: 'ServiceAccount', name: 'partial-reader', namespace: 'default' }],
      });
    await bind('partial-reader', 'partial-reader');
    const { status } = await adminRequest<{ status: { token: string } }>(
      cluster,
      'POST',
      '/api/v1/namespaces/default/serviceaccounts/partial-reader/token',
      { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} },
    );

    const source = new ClusterSource(clientWithToken(status.token), 'test');
    try {
      await source.start();
      const partial = source.snapshot();
      expect(partial.warnings).toEqual(['cannot list clusterroles: forbidden']);
      expect(partial.clusterRoles).toEqual([]);
      expect(partial.namespaces.map((n) => n.name)).toContain('default');
      expect(partial.clusterRoleBindings.length).toBeGreaterThan(10);

      // Granted the missing permission, the source relists by itself.
      await adminRequest(cluster, 'POST', `${rbac}/clusterroles`, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'clusterrole-reader' },
        rules: [
          {
            apiGroups: ['rbac.authorization.k8s.io'],
            resources: ['clusterroles'],
            verbs: ['list', 'watch'],
          },
        ],
      });
      await bind('partial-reader-clusterroles', 'clusterrole-reader');
      await until('the forbidden kind to recover', () => source.snapshot().warnings.length === 0);
      expect(source.snapshot().clusterRoles.some((r) => r.name === 'cluster-admin')).toBe(true);
    } finally {
      source.stop();
    }
  });

  it('lists Pods, unless told to skip them', async () => {
    await adminRequest(cluster, 'POST', '/api/v1/namespaces/default/serviceaccounts', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'pod-owner' },
    });
    await adminRequest(cluster, 'POST', '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'runs-as-pod-owner' },
      spec: {
        serviceAccountName: 'pod-owner',
        containers: [{ name: 'app', image: 'registry.example.com/app:1' }],
      },
    });
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    const all = new ClusterSource(new KubeClient(kc), 'test');
    const withoutPods = new ClusterSource(new KubeClient(kc), 'test', undefined, { pods: false });
    await Promise.all([all.load(), withoutPods.load()]);
    expect(all.snapshot().pods).toContainEqual(
      expect.objectContaining({ name: 'runs-as-pod-owner', serviceAccountName: 'pod-owner' }),
    );
    expect(withoutPods.snapshot().pods).toEqual([]);
    expect(withoutPods.snapshot().warnings).toEqual([]);
    expect(withoutPods.snapshot().serviceAccounts).toContainEqual(
      expect.objectContaining({ namespace: 'default', name: 'pod-owner' }),
    );
  });

  it("reads one namespace's Roles and RoleBindings, and everything cluster-wide, when scoped", async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    const all = new ClusterSource(new KubeClient(kc), 'test', undefined, { pods: false });
    const scoped = new ClusterSource(new KubeClient(kc), 'test', undefined, {
      namespace: 'kube-public',
    });
    await Promise.all([all.load(), scoped.load()]);
    const namespacesOf = (xs: { namespace: string }[]) => [...new Set(xs.map((x) => x.namespace))];
    // The bootstrap policy has Roles and RoleBindings in kube-system and kube-public.
    expect(namespacesOf(all.snapshot().roleBindings)).toEqual(
      expect.arrayContaining(['kube-system', 'kube-public']),
    );
    expect(namespacesOf(scoped.snapshot().roleBindings)).toEqual(['kube-public']);
    expect(namespacesOf(scoped.snapshot().roles)).toEqual(['kube-public']);
    expect(scoped.snapshot().clusterRoleBindings).toEqual(all.snapshot().clusterRoleBindings);
    expect(scoped.snapshot().clusterRoles.length).toBe(all.snapshot().clusterRoles.length);
    expect(scoped.snapshot().namespaces).toEqual([]);
    expect(scoped.snapshot().serviceAccounts).toEqual([]);
    expect(scoped.snapshot().warnings).toEqual([]);
    expect(scoped.kindCount).toBe(4);
  });

  it('warns for every kind when the server cannot be reached, without throwing', async () => {
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser(
      { name: 'gone', server: 'https://127.0.0.1:1', skipTLSVerify: false },
      { name: 'u', token: 't' },
    );
    const source = new ClusterSource(new KubeClient(kc), 'gone');
    try {
      await source.load();
      const s = source.snapshot();
      expect(s.warnings).toHaveLength(7);
      for (const w of s.warnings)
        expect(w).toMatch(/^cannot list \w+: cannot reach https:\/\/127\.0\.0\.1:1/);
    } finally {
      source.stop();
    }
  });
});

describe('KubeClient.watch against the API server', () => {
  it('keeps a quiet watch open past its connect timeout, and hears the next change', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    const client = new KubeClient(kc);
    const list = await client.request<{ metadata: { resourceVersion: string } }>(
      '/api/v1/namespaces',
    );
    const seen: string[] = [];
    const abort = new AbortController();
    let settled = false;
    const watching = client
      .watch(
        `/api/v1/namespaces?watch=1&resourceVersion=${list.metadata.resourceVersion}`,
        (e) => seen.push(`${e.type} ${(e.object.metadata as { name: string }).name}`),
        abort.signal,
        500,
      )
      .finally(() => (settled = true));
    try {
      // Four times the timeout with nothing to say: still open.
      await new Promise((r) => setTimeout(r, 2000));
      expect(settled).toBe(false);
      await adminRequest(cluster, 'POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'quiet-watch' },
      });
      await until('the new namespace', () => seen.includes('ADDED quiet-watch'), 5000);
      expect(settled).toBe(false);
    } finally {
      abort.abort();
      await watching.catch(() => {});
    }
  });
});
