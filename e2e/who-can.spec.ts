import { expect, test } from '@playwright/test';
import { startApp, type AppServer } from './fixtures/app-server';
import { watchErrors } from './fixtures/page-errors';

test.describe('Who can, on the demo cluster', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: 'demo' });
  });
  test.afterAll(() => app.stop());

  test('who can list pods in default? myapp1, through read-pods and pod-reader', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/who-can?verb=list&resource=pods&namespace=default`);
    await expect(page.getByTestId('who-can-summary')).toHaveText(
      /^\d+ subjects can list pods in namespace default\.$/,
    );
    const sas = page.getByTestId('who-can-ServiceAccount');
    const myapp1 = sas.getByTestId('who-can-subject').filter({ hasText: 'default/myapp1' });
    await expect(myapp1).toHaveCount(1);
    await expect(myapp1).toContainText('RoleBinding default/read-pods');
    await expect(myapp1).toContainText('Role pod-reader');
    await expect(myapp1).not.toContainText('cluster-wide');
    await expect(myapp1.getByRole('link', { name: 'default/myapp1' })).toHaveAttribute(
      'href',
      '/subjects/ServiceAccount%3Adefault%3Amyapp1',
    );
    // ci/deployer is cluster-admin everywhere: marked cluster-wide.
    const deployer = sas.getByTestId('who-can-subject').filter({ hasText: 'ci/deployer' });
    await expect(deployer).toContainText('cluster-wide');
    await expect(deployer).toContainText('ClusterRole cluster-admin');
    const bob = page
      .getByTestId('who-can-User')
      .getByTestId('who-can-subject')
      .filter({ hasText: 'bob@example.com' });
    await expect(bob).toContainText('cluster-wide');
    // The myapp1 binding of team-b grants nothing in default.
    await expect(page.getByText('team-b/read-pods')).toHaveCount(0);
    // The cluster's own subjects are folded away, and there on demand.
    const folded = sas.locator('details');
    await expect(folded.locator('summary')).toContainText("of the cluster's own");
    await expect(folded.getByText('kube-system/').first()).toBeHidden();
    await folded.locator('summary').click();
    await expect(folded.getByText('kube-system/').first()).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('a group binding shows the ServiceAccounts it covers', async ({ page }) => {
    await page.goto(`${app.url}/who-can?verb=list&resource=configmaps&namespace=team-a`);
    const group = page
      .getByTestId('who-can-Group')
      .getByTestId('who-can-subject')
      .filter({ hasText: 'system:serviceaccounts:team-a' });
    await expect(group).toContainText('RoleBinding team-a/team-a-view');
    await expect(group).toContainText('ClusterRole view');
    await expect(group.getByTestId('covered')).toHaveText(
      'Covers 3 ServiceAccounts: team-a/backend, team-a/default, team-a/frontend',
    );
    await group.getByRole('link', { name: 'team-a/frontend' }).click();
    await page.waitForURL(/\/subjects\/ServiceAccount%3Ateam-a%3Afrontend$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('team-a/frontend');
  });

  test('the form asks, and back returns to the previous question', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/who-can`);
    await expect(page.getByTestId('examples')).toContainText('Who can list pods in default?');
    await page.getByLabel('Verb').fill('get');
    await page.getByLabel('Resource', { exact: true }).fill('secrets');
    await page.getByLabel('All namespaces (cluster-wide)').check();
    await page.getByRole('button', { name: 'Who can?' }).click();
    await page.waitForURL(/resource=secrets/);
    expect(new URL(page.url()).searchParams.get('namespace')).toBe('');
    await expect(page.getByTestId('who-can-summary')).toContainText(
      'can get secrets cluster-wide.',
    );
    await expect(page.getByTestId('who-can-Group')).toContainText('sre');
    await page.getByLabel('All namespaces (cluster-wide)').uncheck();
    await page.getByLabel('Namespace', { exact: true }).fill('team-a');
    await page.getByRole('button', { name: 'Who can?' }).click();
    await page.waitForURL(/namespace=team-a/);
    await expect(page.getByTestId('who-can-summary')).toContainText(
      'can get secrets in namespace team-a.',
    );
    await expect(page.getByTestId('who-can-User')).toContainText('alice@example.com');
    await page.goBack();
    await page.waitForURL(/namespace=(&|$)/);
    await expect(page.getByTestId('who-can-summary')).toContainText('cluster-wide');
    await expect(page.getByLabel('All namespaces (cluster-wide)')).toBeChecked();
    expect(errors).toEqual([]);
  });

  test('bad input: a message on the page and a 400 from the API', async ({ page, request }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/who-can?verb=list&resource=pods&url=/healthz`);
    await expect(page.getByTestId('question-error')).toContainText(
      'ask about a resource or a non-resource URL, not both',
    );
    const res = await request.get(`${app.url}/api/who-can?verb=list`);
    expect(res.status()).toBe(400);
    expect(await res.json()).toEqual({
      error: 'a resource (e.g. pods) or a non-resource URL (e.g. /healthz) is required',
    });
    expect(errors).toEqual([]);
  });

  test('GET /api/who-can lists every subject with its paths', async ({ request }) => {
    const res = await request.get(
      `${app.url}/api/who-can?verb=list&resource=pods&namespace=default`,
    );
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.request).toEqual({
      verb: 'list',
      resource: 'pods',
      apiGroup: '',
      namespace: 'default',
    });
    expect(body.bypassGroups).toEqual(['system:masters']);
    const myapp1 = body.subjects.find(
      (s: { key: string }) => s.key === 'ServiceAccount:default:myapp1',
    );
    expect(myapp1).toMatchObject({
      kind: 'ServiceAccount',
      name: 'myapp1',
      namespace: 'default',
      clusterWide: false,
      paths: [
        {
          binding: { kind: 'RoleBinding', name: 'read-pods', namespace: 'default' },
          role: { kind: 'Role', name: 'pod-reader', namespace: 'default' },
        },
      ],
    });
    const teamA = await (
      await request.get(`${app.url}/api/who-can?verb=get&resource=pods&namespace=team-a`)
    ).json();
    expect(
      teamA.subjects.find((s: { name: string }) => s.name === 'system:serviceaccounts:team-a'),
    ).toMatchObject({
      kind: 'Group',
      coveredServiceAccountCount: 3,
      coveredServiceAccounts: [
        { namespace: 'team-a', name: 'backend' },
        { namespace: 'team-a', name: 'default' },
        { namespace: 'team-a', name: 'frontend' },
      ],
    });
  });
});
