import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { fixturePath, startApp, type AppServer } from './fixtures/app-server';
import { adminRequest, startTestCluster, type TestCluster } from './fixtures/test-cluster';

const root = fixturePath('..', '..');
const deploy = (f: string) =>
  parse(readFileSync(path.join(root, 'deploy', f), 'utf8')) as Record<string, unknown>;
const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const IDENTITY = 'system:serviceaccount:rbac-explorer:rbac-explorer';
const PAGES = [
  '/',
  '/findings',
  '/subjects',
  '/check?as=system:serviceaccount:default:myapp1&verb=list&resource=pods&namespace=default',
  '/who-can?verb=list&resource=pods&namespace=default',
  '/graph',
  '/wizard',
  '/upload',
];

/** A kubeconfig that authenticates as deploy/'s ServiceAccount, from a TokenRequest. */
async function serviceAccountKubeconfig(cluster: TestCluster, dir: string): Promise<string> {
  const { status } = await adminRequest<{ status: { token: string } }>(
    cluster,
    'POST',
    '/api/v1/namespaces/rbac-explorer/serviceaccounts/rbac-explorer/token',
    {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { expirationSeconds: 3600 },
    },
  );
  const admin = parse(readFileSync(cluster.kubeconfig, 'utf8'));
  const file = path.join(dir, 'dashboard-kubeconfig');
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'dashboard',
      clusters: [{ name: 'test', cluster: admin.clusters[0].cluster }],
      users: [{ name: 'dashboard', user: { token: status.token } }],
      contexts: [{ name: 'dashboard', context: { cluster: 'test', user: 'dashboard' } }],
    }),
  );
  return file;
}

async function visitAll(page: Page, app: AppServer): Promise<void> {
  for (const p of PAGES) {
    const res = await page.goto(`${app.url}${p}`);
    expect(res?.status(), p).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).first(), p).toBeVisible();
  }
}

test.describe('in-cluster permissions: deploy/ grants exactly enough, and the dashboard only reads', () => {
  // Two dashboards and a control plane: generous on a busy two-core machine.
  test.describe.configure({ timeout: 300_000 });
  let cluster: TestCluster;
  let dir: string;
  let auditLog: string;

  test.beforeAll(async () => {
    test.setTimeout(900_000);
    dir = mkdtempSync(path.join(os.tmpdir(), 'least-privilege-'));
    const policy = path.join(dir, 'audit-policy.yaml');
    writeFileSync(
      policy,
      'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Metadata\n',
    );
    auditLog = path.join(dir, 'audit.log');
    cluster = await startTestCluster({
      seed: [path.join(root, 'lib', 'sources', 'demo', 'story.yaml')],
      apiserverArgs: [`--audit-policy-file=${policy}`, `--audit-log-path=${auditLog}`],
    });
    await adminRequest(cluster, 'POST', '/api/v1/namespaces', deploy('namespace.yaml'));
    await adminRequest(
      cluster,
      'POST',
      '/api/v1/namespaces/rbac-explorer/serviceaccounts',
      deploy('serviceaccount.yaml'),
    );
    await adminRequest(cluster, 'POST', `${RBAC}/clusterroles`, deploy('clusterrole.yaml'));
    await adminRequest(
      cluster,
      'POST',
      `${RBAC}/clusterrolebindings`,
      deploy('clusterrolebinding.yaml'),
    );
  });
  test.afterAll(() => cluster?.stop());

  test("every page works with deploy/'s ClusterRole, and nothing but reads and reviews reach the API server", async ({
    page,
  }) => {
    const kubeconfig = await serviceAccountKubeconfig(cluster, dir);
    const app = await startApp({ RBAC_SOURCE: 'cluster', KUBECONFIG: kubeconfig });
    try {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await visitAll(page, app);
      // The wizard's server validation: dry-runs, refused here (deploy/ grants no create),
      // and said so per object.
      await page.goto(`${app.url}/wizard`);
      for (let step = 0; step < 4; step++) await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Validate on server' }).click();
      await expect(page.getByTestId('dry-run-results')).toContainText('forbidden');
      await page.goto(app.url);
      await expect(page.getByTestId('source')).toContainText('dashboard');
      await expect(page.getByTestId('source-banner')).toHaveCount(0);
      await expect(page.getByTestId('subjects-ServiceAccount')).toContainText('myapp1');
      expect(errors).toEqual([]);
    } finally {
      await app.stop();
    }

    const events = readFileSync(auditLog, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            user: { username: string };
            verb: string;
            requestURI: string;
            objectRef?: { resource?: string };
          },
      );
    const ours = events.filter((e) => e.user.username === IDENTITY);
    expect(ours.length).toBeGreaterThan(7);
    const writes = ours.filter(
      (e) =>
        !['get', 'list', 'watch'].includes(e.verb) &&
        !(e.verb === 'create' && e.objectRef?.resource === 'subjectaccessreviews') &&
        !e.requestURI.includes('dryRun=All'),
    );
    expect(writes.map((e) => `${e.verb} ${e.requestURI}`)).toEqual([]);
    // It did ask: reviews and dry-runs are there, and nothing else was written.
    expect(ours.some((e) => e.objectRef?.resource === 'subjectaccessreviews')).toBe(true);
    expect(ours.some((e) => e.requestURI.includes('dryRun=All'))).toBe(true);
  });

  test('without list on clusterroles the pages degrade with a clear warning instead of failing', async ({
    page,
  }) => {
    const role = deploy('clusterrole.yaml') as { rules: { resources: string[] }[] };
    for (const rule of role.rules)
      rule.resources = rule.resources.filter((r) => r !== 'clusterroles');
    await adminRequest(cluster, 'PUT', `${RBAC}/clusterroles/rbac-explorer`, role);
    const kubeconfig = await serviceAccountKubeconfig(cluster, dir);
    const app = await startApp({ RBAC_SOURCE: 'cluster', KUBECONFIG: kubeconfig });
    try {
      await visitAll(page, app);
      await page.goto(app.url);
      await expect(page.getByTestId('source-banner')).toContainText(
        'cannot list clusterroles: forbidden',
      );
      await expect(page.getByTestId('count-clusterRoles')).toContainText('0');
      await expect(page.getByTestId('subjects-ServiceAccount')).toContainText('myapp1');
    } finally {
      await app.stop();
    }
  });
});
