import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRequest, startTestCluster, type TestCluster } from '../../e2e/fixtures/test-cluster';
import { buildObjects } from '../manifests/build-objects';
import { defaultSpec } from '../manifests/wizard-spec';
import { dryRunObjects } from './dry-run';
import { KubeClient, KubeError } from './kube-client';

const objects = buildObjects(defaultSpec());

/**
 * A stand-in for the client (not for the API server) for the error paths alone: `answer` gives
 * the error for a request path (or undefined to accept it); the requests are counted.
 */
function stubClient(answer: (path: string) => KubeError | undefined) {
  const calls: string[] = [];
  const client = {
    request: async (path: string) => {
      calls.push(path);
      const err = answer(path);
      if (err) throw err;
      return {};
    },
  } as unknown as KubeClient;
  return { client, calls };
}

describe('dryRunObjects: when the server does not answer', () => {
  it.each([
    new KubeError('cannot reach https://127.0.0.1:1: connect ECONNREFUSED', 0, 'Unreachable'),
    new KubeError('no answer from https://k8s.example within 10 s', 0, 'Timeout'),
  ])(
    'gives up after the first object and throws ($reason), instead of four rejections',
    async (err) => {
      const { client, calls } = stubClient(() => err);
      await expect(dryRunObjects(client, objects)).rejects.toBe(err);
      expect(calls).toHaveLength(1);
    },
  );
});

describe('dryRunObjects: a 403 is not always about the object', () => {
  it('says the Pod passes once the draft’s ServiceAccount exists only for admission’s lookup', async () => {
    const { client } = stubClient((path) =>
      path.includes('/pods')
        ? new KubeError(
            'pods "myapp1" is forbidden: error looking up service account default/myapp1: serviceaccount "myapp1" not found',
            403,
            'Forbidden',
          )
        : undefined,
    );
    const pod = (await dryRunObjects(client, objects))[3];
    expect(pod).toMatchObject({ kind: 'Pod', ok: false, status: 403 });
    expect(pod!.unchecked).toBeUndefined();
    expect(pod!.message).toMatch(/the draft's ServiceAccount myapp1 does not exist yet/);
  });

  it('says when the dashboard itself may not create the kind, even when its name says serviceaccount', async () => {
    const denied = (resource: string, group: string) =>
      new KubeError(
        `${resource} is forbidden: User "system:serviceaccount:rbac-explorer:rbac-explorer" cannot create resource "${resource}" in API group "${group}" in the namespace "default"`,
        403,
        'Forbidden',
      );
    const { client } = stubClient((path) => {
      const resource = path.split('?')[0]!.split('/').pop()!;
      return denied(resource, path.startsWith('/apis/') ? 'rbac.authorization.k8s.io' : '');
    });
    const results = await dryRunObjects(client, objects);
    expect(results.map((r) => [r.kind, r.ok, r.unchecked])).toEqual([
      ['ServiceAccount', false, true],
      ['Role', false, true],
      ['RoleBinding', false, true],
      ['Pod', false, true],
    ]);
    for (const r of results) {
      expect(r.message).toMatch(/^Not checked: the dashboard's credentials may not create/);
      expect(r.message).not.toMatch(/does not exist yet/);
    }
    expect(results[1]!.message).toMatch(
      /needs create rights, and bind or escalate for RBAC objects/,
    );
    expect(results[3]!.message).toMatch(/needs create rights on pods/);
  });
});

function adminConfig(c: TestCluster): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(c.kubeconfig);
  return kc;
}

describe('dryRunObjects against a real API server', () => {
  let cluster: TestCluster;
  let admin: KubeClient;
  let readOnly: KubeClient;

  beforeAll(async () => {
    cluster = await startTestCluster();
    // The dashboard's identity as deploy/ gives it: a ServiceAccount that may only read.
    await adminRequest(cluster, 'POST', '/api/v1/namespaces/default/serviceaccounts', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'dashboard', namespace: 'default' },
    });
    await adminRequest(cluster, 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'dashboard-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: 'dashboard', namespace: 'default' }],
    });
    const { status } = await adminRequest<{ status: { token: string } }>(
      cluster,
      'POST',
      '/api/v1/namespaces/default/serviceaccounts/dashboard/token',
      { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} },
    );
    const adminKc = adminConfig(cluster);
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [adminKc.getCurrentCluster()!],
      users: [{ name: 'dashboard', token: status.token }],
      contexts: [
        { name: 'dashboard', cluster: adminKc.getCurrentCluster()!.name, user: 'dashboard' },
      ],
      currentContext: 'dashboard',
    });
    readOnly = new KubeClient(kc);
    admin = new KubeClient(adminKc);
  }, 600_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it.each(['proxy', 'curl'] as const)(
    'the %s test Pod passes PodSecurity "restricted" admission',
    async (access) => {
      const namespace = `restricted-${access}`;
      await adminRequest(cluster, 'POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: namespace,
          labels: { 'pod-security.kubernetes.io/enforce': 'restricted' },
        },
      });
      const spec = defaultSpec();
      spec.serviceAccount.namespace = spec.role.namespace = spec.binding.namespace = namespace;
      spec.binding.subjects[0]!.namespace = namespace;
      spec.pod.access = access;
      const [sa, , , pod] = buildObjects(spec);
      // A dry run creates nothing: the ServiceAccount must exist for admission to reach the Pod.
      await adminRequest(cluster, 'POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, sa);
      const [result] = await dryRunObjects(admin, [pod!]);
      expect([result!.ok, result!.status, result!.message]).toEqual([
        true,
        201,
        'Accepted (dry run): valid and allowed.',
      ]);
    },
  );

  it('reports every object as not checked, and never blames the draft’s ServiceAccount', async () => {
    const results = await dryRunObjects(readOnly, objects);
    expect(results.map((r) => [r.kind, r.ok, r.unchecked, r.status])).toEqual([
      ['ServiceAccount', false, true, 403],
      ['Role', false, true, 403],
      ['RoleBinding', false, true, 403],
      ['Pod', false, true, 403],
    ]);
    expect(results[3]!.message).toMatch(
      /^Not checked: the dashboard's credentials may not create pods in default .*system:serviceaccount:default:dashboard/,
    );
    expect(results[3]!.message).not.toMatch(/does not exist yet/);
  });

  it('answers once, by throwing, when the server cannot be reached', async () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'gone', server: 'https://127.0.0.1:1', skipTLSVerify: true }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'gone', cluster: 'gone', user: 'u' }],
      currentContext: 'gone',
    });
    const started = Date.now();
    const err = await dryRunObjects(new KubeClient(kc), objects).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect((err as KubeError).reason).toBe('Unreachable');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
