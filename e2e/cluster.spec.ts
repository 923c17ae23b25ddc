import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parse, stringify } from 'yaml';
import { fixturePath, startApp, type AppServer } from './fixtures/app-server';
import { createObject, startTestCluster, type TestCluster } from './fixtures/test-cluster';

test.describe('against a real API server', () => {
  let cluster: TestCluster;
  let app: AppServer;

  test.beforeAll(async () => {
    test.setTimeout(900_000);
    cluster = await startTestCluster({
      seed: [fixturePath('..', '..', 'lib', 'sources', 'demo', 'story.yaml')],
    });
    // A second context whose server does not answer, to switch to and back.
    const kc = parse(readFileSync(cluster.kubeconfig, 'utf8'));
    kc.clusters.push({
      name: 'elsewhere',
      cluster: {
        server: 'https://127.0.0.1:1',
        'certificate-authority-data': kc.clusters[0].cluster['certificate-authority-data'],
      },
    });
    kc.contexts.push({
      name: 'elsewhere',
      context: { cluster: 'elsewhere', user: kc.users[0].name },
    });
    const kubeconfig = path.join(
      mkdtempSync(path.join(os.tmpdir(), 'two-contexts-')),
      'kubeconfig',
    );
    writeFileSync(kubeconfig, stringify(kc));
    // The default source: the current kubeconfig context, because it answers.
    app = await startApp({ RBAC_SOURCE: '', KUBECONFIG: kubeconfig });
  });
  test.afterAll(async () => {
    await app?.stop();
    await cluster?.stop();
  });

  test('shows the cluster objects and the context name, and updates without a reload', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    await expect(page.getByTestId('source')).toContainText('cluster');
    await expect(page.getByTestId('context-picker')).toHaveValue('rbac-explorer-test');
    await expect(page.getByTestId('source-banner')).toHaveCount(0);
    await expect(page.getByTestId('data-age')).toContainText('live');
    const sas = page.getByTestId('subjects-ServiceAccount');
    await expect(sas).toContainText('myapp1');
    await expect(page.getByTestId('subjects-User')).toContainText('alice@example.com');
    // The bootstrap policy of the real server is there too.
    await expect(page.getByTestId('subjects-Group')).toContainText('system:masters');

    await createObject(cluster, '/api/v1/namespaces/default/serviceaccounts', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'arrived-later', namespace: 'default' },
    });
    // The watch sees it, the page's poll notices the new version and refreshes itself.
    await expect(sas).toContainText('arrived-later', { timeout: 15_000 });
    expect(errors).toEqual([]);
  });

  test('the graph follows the cluster: a new binding is drawn, the view kept', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const query = 'namespace=default';
    const binding = 'binding:RoleBinding:default:graph-arrived-later';
    await page.goto(`${app.url}/graph?${query}`);
    const c = page.getByTestId('graph-canvas');
    await expect(c).toHaveAttribute('data-complete', 'true', { timeout: 30_000 });
    const before = Number(await c.getAttribute('data-node-count'));
    const zoom = await c.getAttribute('data-zoom');
    const panX = await c.getAttribute('data-pan-x');

    await createObject(
      cluster,
      '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings',
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'graph-arrived-later', namespace: 'default' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'myapp1', namespace: 'default' }],
      },
    );
    // The page refreshes itself when the data changes (as above): the summary and the canvas
    // both show the new model, which has the binding; the user's viewport stays.
    await expect(page.getByTestId('graph-summary')).toContainText(`${before + 1} nodes`, {
      timeout: 15_000,
    });
    const res = await page.request.get(`${app.url}/api/graph?${query}`);
    const after = (await res.json()) as { nodes: { id: string }[] };
    expect(after.nodes.map((n) => n.id)).toContain(binding);
    expect(after.nodes).toHaveLength(before + 1);
    await expect(c).toHaveAttribute('data-node-count', String(before + 1));
    await expect(c).toHaveAttribute('data-complete', 'true');
    await expect(c).toHaveAttribute('data-zoom', zoom!);
    await expect(c).toHaveAttribute('data-pan-x', panX!);
    const search = page.getByRole('combobox', { name: 'Find a node' });
    await search.fill('graph-arrived');
    await search.press('Enter');
    await expect(page.getByTestId('node-details')).toContainText('graph-arrived-later');
    expect(errors).toEqual([]);
  });

  test("the check route carries the API server's verdict, unless apiServer=skip", async ({
    request,
  }) => {
    const q = 'as=system:serviceaccount:default:myapp1&verb=list&resource=pods&namespace=default';
    const withServer = await (await request.get(`${app.url}/api/check?${q}`)).json();
    expect(withServer.allowed).toBe(true);
    expect(withServer.apiServer).toMatchObject({ allowed: true });
    const skipped = await (await request.get(`${app.url}/api/check?${q}&apiServer=skip`)).json();
    expect(skipped.allowed).toBe(true);
    expect(skipped.apiServer).toBeUndefined();
  });

  test('the context picker refuses a context that does not answer, and keeps the data', async ({
    page,
  }) => {
    await page.goto(app.url);
    const picker = page.getByTestId('context-picker');
    await picker.selectOption('elsewhere');
    await expect(page.getByTestId('context-error')).toContainText(
      'Cannot switch to context elsewhere: cluster elsewhere is unreachable (cannot reach https://127.0.0.1:1',
    );
    await expect(picker).toHaveValue('rbac-explorer-test');
    await page.reload();
    await expect(page.getByTestId('source-banner')).toContainText(
      'still showing context rbac-explorer-test.',
    );
    await expect(page.getByTestId('subjects-ServiceAccount')).toContainText('myapp1');
    // Switching to the context shown again (it answers) clears the note.
    const again = await page.request.post(`${app.url}/api/context`, {
      data: { context: 'rbac-explorer-test' },
    });
    expect(again.status()).toBe(200);
    await page.reload();
    await expect(page.getByTestId('source-banner')).toHaveCount(0);
    await expect(page.getByTestId('subjects-ServiceAccount')).toContainText('myapp1');
    const bad = await page.request.post(`${app.url}/api/context`, { data: { context: 'nope' } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toBe('no context nope in the kubeconfig');
  });
});
