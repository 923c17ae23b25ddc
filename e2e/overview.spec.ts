import { expect, test } from '@playwright/test';
import { fixturePath, startApp, type AppServer } from './fixtures/app-server';
import { watchErrors } from './fixtures/page-errors';

test.describe('with no cluster: the embedded demo', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    // An empty KUBECONFIG and HOME keep any cluster of the machine out of the test.
    app = await startApp({ RBAC_SOURCE: '', KUBECONFIG: fixturePath('no-such-kubeconfig') });
  });
  test.afterAll(() => app.stop());

  test('the Overview shows the demo banner, its counts and myapp1', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(app.url);
    await expect(page.getByTestId('source-banner')).toContainText('Demo data');
    await expect(page.getByTestId('source')).toContainText('Demo cluster');
    await expect(page.getByTestId('count-namespaces')).toContainText('7');
    await expect(page.getByTestId('count-roles')).toContainText('11');
    await expect(page.getByTestId('count-clusterRoles')).toContainText('73');
    await expect(page.getByTestId('count-pods')).toContainText('6');
    const myapp1 = page
      .getByTestId('subjects-ServiceAccount')
      .getByRole('row')
      .filter({ hasText: 'myapp1' });
    await expect(myapp1).toHaveCount(1);
    await expect(myapp1.getByRole('cell').nth(1)).toHaveText('2');
    await expect(page.getByTestId('subjects-User')).toContainText('alice@example.com');
    await expect(page.getByTestId('subjects-Group')).toContainText('system:serviceaccounts:team-a');
    expect(errors).toEqual([]);
  });

  test('navigation reaches every section', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(app.url);
    for (const name of [
      'Graph',
      'Check',
      'Who can',
      'Subjects',
      'Wizard',
      'Findings',
      'Overview',
    ]) {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name, exact: true })
        .click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute(
        'aria-current',
        'page',
      );
    }
    expect(errors).toEqual([]);
  });

  test('the header asks for no other page while one loads; pointing at a link prefetches it', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.searchParams.has('_rsc')) asked.push(url.pathname);
    });
    await page.goto(`${app.url}/graph`);
    await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-complete', 'true');
    // Time for viewport prefetching to have started, had it been on.
    await page.waitForTimeout(1000);
    expect(asked).toEqual([]);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Findings', exact: true })
      .hover();
    await expect.poll(() => asked).toContain('/findings');
    expect(asked.every((p) => p === '/findings')).toBe(true);
    expect(errors).toEqual([]);
  });

  test('the icons browsers ask for are served: /favicon.ico and the SVG one', async ({ page }) => {
    const ico = await page.request.get(`${app.url}/favicon.ico`);
    expect(ico.status()).toBe(200);
    // An ICO directory (reserved 0, type 1) of three images.
    expect([...(await ico.body()).subarray(0, 6)]).toEqual([0, 0, 1, 0, 3, 0]);
    await page.goto(app.url);
    const icons = await page
      .locator('link[rel="icon"]')
      .evaluateAll((links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
    expect(icons).toEqual(expect.arrayContaining(['/favicon.ico', '/icon.svg']));
  });
});

test.describe('RBAC_SOURCE=file: a dump', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({
      RBAC_SOURCE: `file:${fixturePath('dumps', 'inventory.yaml')},${fixturePath('dumps', 'folder')}`,
    });
  });
  test.afterAll(() => app.stop());

  test("shows the fixture's objects, names the source and counts skipped kinds", async ({
    page,
  }) => {
    await page.goto(app.url);
    await expect(page.getByTestId('source')).toContainText('inventory.yaml');
    await expect(page.getByTestId('source-banner')).toHaveCount(0);
    await expect(page.getByTestId('count-namespaces')).toContainText('1');
    await expect(page.getByTestId('count-roles')).toContainText('1');
    await expect(page.getByTestId('count-clusterRoles')).toContainText('1');
    await expect(page.getByTestId('count-clusterRoleBindings')).toContainText('1');
    await expect(page.getByTestId('subjects-ServiceAccount')).toContainText('inventory-api');
    await expect(page.getByTestId('subjects-Group')).toContainText('auditors');
    await page.getByTestId('warnings').locator('summary').click();
    await expect(page.getByTestId('warnings')).toContainText(
      'Skipped 1 objects of other kinds: 1 ConfigMap.',
    );
  });
});

test.describe('RBAC_SOURCE=file: a malformed dump', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: `file:${fixturePath('dumps', 'malformed.yaml')}` });
  });
  test.afterAll(() => app.stop());

  test('names the file, the line and the reason, and keeps the good documents', async ({
    page,
    request,
  }) => {
    await page.goto(app.url);
    await expect(page.getByTestId('source-banner')).toContainText('malformed.yaml:');
    const errors = page.getByTestId('load-errors');
    await expect(errors).toContainText(/malformed\.yaml:1[3-5]\b/);
    await expect(page.getByTestId('subjects-ServiceAccount')).toContainText('fine');
    // The server keeps serving.
    const health = await request.get(`${app.url}/api/health`);
    expect(health.status()).toBe(200);
    expect((await health.json()).errors).toBe(1);
  });
});
