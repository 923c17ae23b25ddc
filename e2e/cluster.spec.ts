import { expect, test } from '@playwright/test';
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
    // The default source: the current kubeconfig context, because it answers.
    app = await startApp({ RBAC_SOURCE: '', KUBECONFIG: cluster.kubeconfig });
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
    await expect(page.getByTestId('source')).toContainText('rbac-explorer-test');
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
});
