import { spawnSync } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../../e2e/fixtures/test-cluster';
import { Authorizer } from '../rbac/authorizer';
import { serviceAccountIdentity } from '../rbac/identity';
import { ClusterSource } from '../sources/cluster-source';
import { KubeClient } from './kube-client';
import { subjectAccessReview } from './subject-access-review';

const root = path.resolve(import.meta.dirname, '..', '..');
const cliBin = path.join(root, 'bin', 'rbac-explorer.mjs');

let cluster: TestCluster;
let admin: KubeClient;
let source: ClusterSource;
let ca: Buffer;

const rb = (namespace: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'read-pods', namespace },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
  subjects: [{ kind: 'ServiceAccount', name: 'myapp1', namespace: 'default' }],
});
const podReader = (namespace: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'pod-reader', namespace },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
});

async function create(apiPath: string, body: unknown) {
  await admin.request(apiPath, { method: 'POST', body });
}

/** Lists pods in default the way a Pod would: with its token, verifying the cluster CA. */
function listPodsAs(token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${cluster.server}/api/v1/namespaces/default/pods`,
      { ca, headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function cliCanI(): number {
  const r = spawnSync(
    process.execPath,
    [
      cliBin,
      'can-i',
      'list',
      'pods',
      '-n',
      'default',
      '--as',
      'system:serviceaccount:default:myapp1',
      '--kubeconfig',
      cluster.kubeconfig,
      '-q',
    ],
    { encoding: 'utf8' },
  );
  return r.status ?? -1;
}

async function until<T>(what: string, fn: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  cluster = await startTestCluster();
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  ca = Buffer.from(kc.getCurrentCluster()!.caData!, 'base64');
  admin = new KubeClient(kc);
  source = new ClusterSource(admin, kc.getCurrentContext());
  await source.start();
}, 600_000);

afterAll(async () => {
  source?.stop();
  await cluster?.stop();
});

describe('the seed story against a real API server', () => {
  const myapp1 = serviceAccountIdentity('default', 'myapp1');
  const listPods = { verb: 'list', resource: 'pods', namespace: 'default', apiGroup: '' };

  it('403 until a RoleBinding in the right namespace ties myapp1 to pod-reader, then 200', async () => {
    await create('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'dev' },
    });
    await create('/api/v1/namespaces/default/serviceaccounts', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'myapp1', namespace: 'default' },
    });
    await create(
      '/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles',
      podReader('default'),
    );
    // The classic mistake: the binding applied in another namespace.
    await create('/apis/rbac.authorization.k8s.io/v1/namespaces/dev/roles', podReader('dev'));
    await create('/apis/rbac.authorization.k8s.io/v1/namespaces/dev/rolebindings', rb('dev'));

    const token = (
      await admin.request<{ status: { token: string } }>(
        '/api/v1/namespaces/default/serviceaccounts/myapp1/token',
        {
          method: 'POST',
          body: {
            apiVersion: 'authentication.k8s.io/v1',
            kind: 'TokenRequest',
            spec: { expirationSeconds: 600 },
          },
        },
      )
    ).status.token;
    expect(token.split('.')).toHaveLength(3);

    expect(await listPodsAs(token)).toBe(403);
    // The dashboard, once its watch has seen the objects, says no and points at the mistake.
    await until('the watch to see the dev binding', () =>
      source.snapshot().roleBindings.some((b) => b.namespace === 'dev' && b.name === 'read-pods')
        ? true
        : undefined,
    );
    const before = new Authorizer(source.snapshot()).canI(myapp1, listPods);
    expect(before.allowed).toBe(false);
    expect(before.nearMisses.map((m) => m.message)).toContain(
      'RoleBinding read-pods in namespace dev would allow this in dev, not in default (a RoleBinding grants only in its own namespace).',
    );
    expect((await subjectAccessReview(admin, myapp1, listPods)).allowed).toBe(false);
    expect(cliCanI()).toBe(1);

    await create(
      '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings',
      rb('default'),
    );
    expect(await listPodsAs(token)).toBe(200);
    await until('the watch to see the default binding', () =>
      source
        .snapshot()
        .roleBindings.some((b) => b.namespace === 'default' && b.name === 'read-pods')
        ? true
        : undefined,
    );
    const after = new Authorizer(source.snapshot()).canI(myapp1, listPods);
    expect(after.allowed).toBe(true);
    expect(
      after.paths.map((p) => [
        p.binding.kind,
        p.binding.namespace,
        p.binding.name,
        p.role.kind,
        p.role.name,
      ]),
    ).toEqual([['RoleBinding', 'default', 'read-pods', 'Role', 'pod-reader']]);
    expect(after.paths[0]!.rule).toEqual({
      apiGroups: [''],
      resources: ['pods'],
      verbs: ['get', 'list'],
    });
    const verdict = await subjectAccessReview(admin, myapp1, listPods);
    expect(verdict.allowed).toBe(true);
    expect(verdict.reason).toBe(after.reason);
    expect(cliCanI()).toBe(0);
  });

  it('the cluster source reads the bootstrap policy with aggregation reconciled', () => {
    const s = source.snapshot();
    expect(s.source).toMatchObject({ kind: 'cluster', name: 'rbac-explorer-test' });
    expect(s.warnings).toEqual([]);
    const authz = new Authorizer(s);
    expect(authz.warnings.filter((w) => w.includes('aggregated'))).toEqual([]);
    expect(s.clusterRoles.find((r) => r.name === 'admin')!.rules.length).toBeGreaterThan(10);
  });
});
