import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminRequest, startTestCluster, type TestCluster } from '../e2e/fixtures/test-cluster';
import { runCli as run } from './run-cli';

// The CLI against a real kube-apiserver, read with the rights of ServiceAccounts that may list
// only some kinds: answers over half-read RBAC would mislead, so they are refused.

const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-cluster-test-'));
let cluster: TestCluster;
/** Kubeconfigs of ServiceAccounts that cannot list one kind. */
let noClusterRoleBindings: string;
let noServiceAccounts: string;

const rbacApi = 'rbac.authorization.k8s.io/v1';
const reader = (name: string, core: string[], rbac: string[]) => `
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: default}
---
apiVersion: ${rbacApi}
kind: ClusterRole
metadata: {name: ${name}}
rules:
  - {apiGroups: [''], resources: [${core.join(', ')}], verbs: [list, watch]}
  - {apiGroups: [rbac.authorization.k8s.io], resources: [${rbac.join(', ')}], verbs: [list, watch]}
---
apiVersion: ${rbacApi}
kind: ClusterRoleBinding
metadata: {name: ${name}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${name}}
subjects: [{kind: ServiceAccount, name: ${name}, namespace: default}]
`;

const SEED = `
apiVersion: v1
kind: Namespace
metadata: {name: team-x}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: default}
---
apiVersion: ${rbacApi}
kind: ClusterRole
metadata: {name: pod-lister}
rules: [{apiGroups: [''], resources: [pods], verbs: [list]}]
---
apiVersion: ${rbacApi}
kind: ClusterRoleBinding
metadata: {name: app-pods}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-lister}
subjects: [{kind: ServiceAccount, name: app, namespace: default}]
---
# The default ServiceAccount of team-x holds a grant: a medium finding, seen only by a reader
# that can list ServiceAccounts.
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: team-x}
---
apiVersion: ${rbacApi}
kind: Role
metadata: {name: configmap-reader, namespace: team-x}
rules: [{apiGroups: [''], resources: [configmaps], verbs: [get]}]
---
apiVersion: ${rbacApi}
kind: RoleBinding
metadata: {name: default-reads-configmaps, namespace: team-x}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: configmap-reader}
subjects: [{kind: ServiceAccount, name: default, namespace: team-x}]
---
${reader('no-crb-reader', ['namespaces', 'serviceaccounts', 'pods'], ['roles', 'rolebindings', 'clusterroles'])}
---
${reader('no-sa-reader', ['namespaces', 'pods'], ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'])}
`;

/** A kubeconfig that authenticates as a ServiceAccount of the test cluster, with a token. */
async function kubeconfigOf(serviceAccount: string): Promise<string> {
  const { status } = await adminRequest<{ status: { token: string } }>(
    cluster,
    'POST',
    `/api/v1/namespaces/default/serviceaccounts/${serviceAccount}/token`,
    { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} },
  );
  const admin = new KubeConfig();
  admin.loadFromFile(cluster.kubeconfig);
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(admin.getCurrentCluster()!, {
    name: serviceAccount,
    token: status.token,
  });
  const file = path.join(dir, `${serviceAccount}.kubeconfig`);
  writeFileSync(file, kc.exportConfig());
  return file;
}

beforeAll(async () => {
  const seed = path.join(dir, 'seed.yaml');
  writeFileSync(seed, SEED);
  cluster = await startTestCluster({ seed: [seed] });
  noClusterRoleBindings = await kubeconfigOf('no-crb-reader');
  noServiceAccounts = await kubeconfigOf('no-sa-reader');
}, 600_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const appListsPods = [
  'can-i',
  'list',
  'pods',
  '-n',
  'default',
  '--as',
  'system:serviceaccount:default:app',
];

describe('the CLI on a cluster that refuses to list an RBAC kind', () => {
  it('answers with full rights (the control)', async () => {
    const r = await run(...appListsPods, '--kubeconfig', cluster.kubeconfig);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^yes\n {2}ClusterRoleBinding app-pods → ClusterRole pod-lister/);
  });

  it('can-i exits 2 naming the kind and the reason, instead of a confident no', async () => {
    const r = await run(...appListsPods, '--kubeconfig', noClusterRoleBindings);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cannot list clusterrolebindings: forbidden/);
    expect(r.code).toBe(2);
  });

  it('findings --fail-on exits 2 instead of passing with false findings', async () => {
    const r = await run(
      'findings',
      '--fail-on',
      'high',
      '--all',
      '--kubeconfig',
      noClusterRoleBindings,
    );
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cannot list clusterrolebindings: forbidden/);
    expect(r.code).toBe(2);
  });

  it('who-can, permissions and review refuse too', async () => {
    const reviews = path.join(dir, 'review.yaml');
    writeFileSync(
      reviews,
      'apiVersion: authorization.k8s.io/v1\nkind: SubjectAccessReview\nspec: {user: x, resourceAttributes: {verb: list, resource: pods, namespace: default}}\n',
    );
    for (const argv of [
      ['who-can', 'list', 'pods', '-n', 'default'],
      ['permissions', '--serviceaccount', 'default:app'],
      ['review', reviews],
    ]) {
      const r = await run(...argv, '--kubeconfig', noClusterRoleBindings);
      expect(r.stderr, argv.join(' ')).toMatch(/cannot list clusterrolebindings: forbidden/);
      expect(r.code, argv.join(' ')).toBe(2);
    }
  });
});

describe('the CLI on a cluster that refuses to list ServiceAccounts', () => {
  it('answers questions about access, with a warning: they never read ServiceAccounts', async () => {
    const r = await run(...appListsPods, '--kubeconfig', noServiceAccounts);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('yes');
    expect(r.stderr).toBe('warning: cannot list serviceaccounts: forbidden\n');
  });

  it('refuses findings, which would miss those of default ServiceAccounts', async () => {
    const full = await run(
      'findings',
      '--fail-on',
      'medium',
      '-o',
      'json',
      '--kubeconfig',
      cluster.kubeconfig,
    );
    expect(full.code).toBe(1);
    expect(JSON.parse(full.stdout).findings).toContainEqual(
      expect.objectContaining({ rule: 'default-serviceaccount', namespace: 'team-x' }),
    );
    const r = await run('findings', '--fail-on', 'medium', '--kubeconfig', noServiceAccounts);
    expect(r.stderr).toMatch(/cannot list serviceaccounts: forbidden/);
    expect(r.code).toBe(2);
  });
});

describe('the CLI without -f, --kubeconfig or --context (RBAC_SOURCE unset)', () => {
  it('does not answer from the demo when the current context cannot be read', async () => {
    const real = readFileSync(cluster.kubeconfig, 'utf8');
    const server = /server: (\S+)/.exec(real)![1]!;
    const unreachable = path.join(dir, 'unreachable.kubeconfig');
    writeFileSync(unreachable, real.replace(server, 'https://127.0.0.1:1'));
    vi.stubEnv('RBAC_SOURCE', '');
    try {
      // The demo would say yes: myapp1 may list pods in default there.
      const question = ['can-i', 'list', 'pods', '--as', 'system:serviceaccount:default:myapp1'];
      for (const kubeconfig of [
        unreachable,
        noClusterRoleBindings,
        path.join(dir, 'no-such-kubeconfig'),
      ]) {
        vi.stubEnv('KUBECONFIG', kubeconfig);
        const r = await run(...question);
        expect(r.stdout, kubeconfig).toBe('');
        expect(r.stderr, kubeconfig).toMatch(/--demo/);
        expect(r.code, kubeconfig).toBe(2);
      }
      // The current context that answers is read, as before.
      vi.stubEnv('KUBECONFIG', cluster.kubeconfig);
      expect((await run(...appListsPods)).code).toBe(0);
      // The demo only when asked for.
      const demo = await run(...question, '--demo');
      expect(demo.code).toBe(0);
      expect(demo.stderr).toContain('Demo data');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
