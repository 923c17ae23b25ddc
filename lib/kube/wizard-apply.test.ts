import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRequest, startTestCluster, type TestCluster } from '../../e2e/fixtures/test-cluster';
import { apiPathOf, buildObjects, type ManifestObject } from '../manifests/build-objects';
import { matrixAllows, previewEffect } from '../manifests/preview-effect';
import { defaultSpec } from '../manifests/wizard-spec';
import { serviceAccountIdentity } from '../rbac/identity';
import type { ResourceAttributes } from '../rbac/rule-matching';
import { ClusterSource } from '../sources/cluster-source';
import { dryRunObjects } from './dry-run';
import { KubeClient } from './kube-client';
import { subjectAccessReview } from './subject-access-review';

let cluster: TestCluster;
let admin: KubeClient;

/** The cluster's RBAC as the dashboard reads it, now. */
async function readSnapshot() {
  const source = new ClusterSource(admin, 'rbac-explorer-test');
  await source.load();
  return source.snapshot();
}

beforeAll(async () => {
  cluster = await startTestCluster();
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  admin = new KubeClient(kc);
}, 600_000);

afterAll(async () => {
  await cluster?.stop();
});

const spec = defaultSpec();
const objects = buildObjects(spec);
const myapp1 = serviceAccountIdentity('default', 'myapp1');

/** The questions the seed story asks, with the answers it expects. */
const questions: [string, ResourceAttributes, boolean][] = [
  [
    'list pods in default',
    { verb: 'list', apiGroup: '', resource: 'pods', namespace: 'default' },
    true,
  ],
  [
    'get a pod in default',
    { verb: 'get', apiGroup: '', resource: 'pods', namespace: 'default', name: 'myapp1' },
    true,
  ],
  [
    'delete pods in default',
    { verb: 'delete', apiGroup: '', resource: 'pods', namespace: 'default' },
    false,
  ],
  [
    'watch pods in default',
    { verb: 'watch', apiGroup: '', resource: 'pods', namespace: 'default' },
    false,
  ],
  [
    'list pods in another namespace',
    { verb: 'list', apiGroup: '', resource: 'pods', namespace: 'other' },
    false,
  ],
  [
    'list pods cluster-wide',
    { verb: 'list', apiGroup: '', resource: 'pods', namespace: '' },
    false,
  ],
  [
    'list secrets in default',
    { verb: 'list', apiGroup: '', resource: 'secrets', namespace: 'default' },
    false,
  ],
  [
    'read its pod logs',
    {
      verb: 'get',
      apiGroup: '',
      resource: 'pods',
      subresource: 'log',
      namespace: 'default',
      name: 'myapp1',
    },
    false,
  ],
];

describe('the wizard’s default draft against a real API server', () => {
  it('dry-runs each object before anything exists, creating nothing', async () => {
    const results = await dryRunObjects(admin, objects);
    expect(results.map((r) => [r.kind, r.name, r.ok])).toEqual([
      ['ServiceAccount', 'myapp1', true],
      ['Role', 'pod-reader', true],
      ['RoleBinding', 'read-pods', true],
      // Admission looks the Pod's ServiceAccount up, and a dry run created none.
      ['Pod', 'myapp1', false],
    ]);
    expect(results[0]!.message).toBe('Accepted (dry run): valid and allowed.');
    expect(results[3]!.message).toMatch(/myapp1.*not found/);
    expect(results[3]!.message).toMatch(/a dry run creates nothing/);
    await expect(
      adminRequest(cluster, 'GET', '/api/v1/namespaces/default/serviceaccounts/myapp1'),
    ).rejects.toThrow(/^404/);
  });

  it('reports an invalid object and a missing namespace in the API server’s words', async () => {
    const badRole = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'no-verbs', namespace: 'default' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }],
    } as ManifestObject;
    const elsewhere = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'x', namespace: 'does-not-exist' },
    } as ManifestObject;
    const [invalid, missing] = await dryRunObjects(admin, [badRole, elsewhere]);
    expect(invalid).toMatchObject({ kind: 'Role', name: 'no-verbs', ok: false, status: 422 });
    expect(invalid!.message).toMatch(/rules\[0\]\.verbs: Required value/);
    expect(missing).toMatchObject({ ok: false, status: 404 });
    expect(missing!.message).toBe('namespaces "does-not-exist" not found');
  });

  it('once applied, the API server allows exactly what the preview promised', async () => {
    const effect = previewEffect(await readSnapshot(), spec);
    const mine = effect.subjects[0]!;
    expect(mine.label).toBe('ServiceAccount default/myapp1');
    expect(mine.changes.map((c) => `${c.change} ${c.namespace} ${c.resource} ${c.verb}`)).toEqual([
      'added default pods get',
      'added default pods list',
    ]);

    for (const o of objects) await adminRequest(cluster, 'POST', apiPathOf(o), o);
    const pod = await adminRequest<{ status: { phase: string } }>(
      cluster,
      'GET',
      '/api/v1/namespaces/default/pods/myapp1',
    );
    expect(pod.status.phase).toBe('Pending'); // no scheduler here

    for (const [question, attrs, expected] of questions) {
      const verdict = await subjectAccessReview(admin, myapp1, attrs);
      const promised = matrixAllows(mine.after, {
        namespace: attrs.namespace ?? '',
        apiGroup: attrs.apiGroup ?? '',
        resource: attrs.resource,
        verb: attrs.verb,
        ...(attrs.subresource ? { subresource: attrs.subresource } : {}),
        ...(attrs.name ? { name: attrs.name } : {}),
      });
      expect({ question, apiServer: verdict.allowed, preview: promised }).toEqual({
        question,
        apiServer: expected,
        preview: expected,
      });
    }
    const list = await subjectAccessReview(admin, myapp1, questions[0]![1]);
    expect(list.reason).toBe(
      'RBAC: allowed by RoleBinding "read-pods/default" of Role "pod-reader" to ServiceAccount "myapp1/default"',
    );
  });

  it('after applying, the preview sees the objects as unchanged and the dry run as existing', async () => {
    const effect = previewEffect(await readSnapshot(), spec);
    expect(effect.objects.map((o) => `${o.kind} ${o.status}`)).toEqual([
      'ServiceAccount unchanged',
      'Role unchanged',
      'RoleBinding unchanged',
      'Pod unchanged',
    ]);
    expect(effect.subjects[0]!.changes).toEqual([]);
    const results = await dryRunObjects(admin, objects);
    expect(results.map((r) => [r.kind, r.ok, r.exists, r.status])).toEqual([
      ['ServiceAccount', true, true, 409],
      ['Role', true, true, 409],
      ['RoleBinding', true, true, 409],
      ['Pod', true, true, 409],
    ]);
    expect(results[1]!.message).toMatch(/already exists.*kubectl apply would update it/);
  });
});
