import { expect, test } from '@playwright/test';
import { fixturePath, startApp, type AppServer } from './fixtures/app-server';
import { watchErrors } from './fixtures/page-errors';

test.describe('Subjects, on the demo cluster', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: 'demo' });
  });
  test.afterAll(() => app.stop());

  test('lists every subject, with search and filters by kind and namespace', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/subjects`);
    const rows = page.getByTestId('subjects-list').getByTestId('subject-row');
    await expect(page.getByTestId('subjects-list').locator('caption')).toHaveText(/^\d+ subjects$/);
    const myapp1 = rows.filter({ hasText: 'default/myapp1' });
    await expect(myapp1.getByRole('cell').nth(2)).toHaveText('2');
    await expect(myapp1.getByRole('cell').nth(3)).toHaveText('1');

    await page.getByLabel('Search').fill('myapp');
    await page.getByLabel('Search').press('Enter');
    await page.waitForURL(/q=myapp/);
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('default/myapp1');

    await page.getByLabel('Search').fill('');
    await page.getByLabel('Kind').selectOption('Group');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/kind=Group/);
    await expect(rows.first()).toBeVisible();
    const kinds = await rows.locator('td:first-child').allTextContents();
    expect(kinds.length).toBeGreaterThan(1);
    expect(new Set(kinds)).toEqual(new Set(['Group']));
    await expect(rows.filter({ hasText: 'system:serviceaccounts:team-a' })).toHaveCount(1);

    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Namespace').selectOption('team-a');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/namespace=team-a/);
    await expect(rows).toHaveCount(3);

    await page.getByLabel('Search').fill('no-such-subject');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByTestId('subjects-empty')).toContainText(
      'No subject matches these filters.',
    );
    expect(errors).toEqual([]);
  });

  test("a ServiceAccount's page: bindings, roles, Pods and the permissions matrix with reasons", async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/subjects?q=myapp1`);
    await page.getByRole('link', { name: 'default/myapp1' }).click();
    await page.waitForURL(/\/subjects\/ServiceAccount%3Adefault%3Amyapp1$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('default/myapp1');
    const bindings = page.getByTestId('subject-bindings');
    await expect(bindings).toContainText('RoleBinding default/read-pods');
    await expect(bindings).toContainText('RoleBinding team-b/read-pods');
    await expect(bindings).toContainText('group system:authenticated');
    await expect(page.getByTestId('subject-roles')).toContainText('pod-reader');
    await expect(page.getByTestId('subject-pods')).toHaveText(/default\/myapp1/);

    const matrix = page.getByTestId('permissions-matrix');
    await expect(matrix.getByRole('tab', { name: /default/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const pods = page
      .getByTestId('matrix-default')
      .getByTestId('matrix-row')
      .filter({
        has: page.getByRole('rowheader', { name: 'pods', exact: true }),
      });
    const reason = 'RoleBinding default/read-pods → Role pod-reader → get, list on pods';
    const list = pods.getByRole('button', { name: /^list pods: yes/ });
    await expect(list).toHaveAttribute('title', reason);
    await expect(pods.getByRole('button', { name: /^delete pods/ })).toHaveCount(0);
    await list.focus();
    await page.keyboard.press('Enter');
    const why = page.getByTestId('matrix-reason');
    await expect(why.locator('p')).toHaveText('list on pods in default, because:');
    await expect(why.getByRole('listitem')).toHaveText([reason]);

    // The scope tabs answer the arrow keys.
    await matrix.getByRole('tab', { name: /default/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(matrix.getByRole('tab', { name: /team-b/ })).toBeFocused();
    await expect(
      page.getByTestId('matrix-team-b').getByRole('button', { name: /^get pods: yes/ }),
    ).toHaveAttribute(
      'title',
      'RoleBinding team-b/read-pods → Role pod-reader-tb → get, list on pods',
    );
    await matrix.getByRole('tab', { name: /Cluster-wide/ }).click();
    await expect(page.getByTestId('matrix-cluster')).not.toContainText('pods');
    expect(errors).toEqual([]);
  });

  test('a ServiceAccount through its group, with a rule limited to one name', async ({ page }) => {
    await page.goto(`${app.url}/subjects/${encodeURIComponent('ServiceAccount:team-a:backend')}`);
    await expect(page.getByTestId('subject-bindings')).toContainText(
      'group system:serviceaccounts:team-a',
    );
    const configmaps = page
      .getByTestId('matrix-team-a')
      .getByTestId('matrix-row')
      .filter({
        has: page.getByRole('rowheader', { name: 'configmaps', exact: true }),
      });
    // view lets the whole team read ConfigMaps; the Role config-reader adds one name for get.
    await expect(configmaps.getByRole('button', { name: /^get configmaps: yes/ })).toHaveAttribute(
      'title',
      /RoleBinding team-a\/backend-config → Role config-reader → get on configmaps named app-config/,
    );
    // The group's own page says who carries it.
    await page
      .getByTestId('subject-bindings')
      .getByRole('link', { name: 'system:serviceaccounts:team-a' })
      .click();
    await page.waitForURL(/\/subjects\/Group%3Asystem%3Aserviceaccounts%3Ateam-a$/);
    await expect(page.getByTestId('carried-by')).toHaveText(
      '3 ServiceAccounts: team-a/backend, team-a/default, team-a/frontend',
    );
    await expect(page.getByTestId('subject-bindings')).toContainText('this subject');
  });

  test('unknown and malformed subjects: a message, and 404 or 400 from the API', async ({
    page,
    request,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/subjects/${encodeURIComponent('ServiceAccount:default:nobody')}`);
    await expect(page.getByTestId('question-error')).toContainText(
      'There is no ServiceAccount default/nobody in this data.',
    );
    await page.goto(`${app.url}/subjects/not-a-key`);
    await expect(page.getByTestId('question-error')).toContainText('is not a subject key');
    // Not even valid percent-encoding: still a message, not a server error.
    await page.goto(`${app.url}/subjects/%E0%A4%A`);
    await expect(page.getByTestId('question-error')).toContainText(
      '"%E0%A4%A" is not a subject key',
    );
    await page.goto(`${app.url}/subjects/${encodeURIComponent('User:100%')}`);
    await expect(page.getByTestId('question-error')).toContainText('There is no User 100% in');

    const missing = await request.get(
      `${app.url}/api/subjects/${encodeURIComponent('ServiceAccount:default:nobody')}`,
    );
    expect(missing.status()).toBe(404);
    expect(await missing.json()).toEqual({
      error: 'There is no ServiceAccount default/nobody in this data.',
    });
    const malformed = await request.get(`${app.url}/api/subjects/not-a-key`);
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error).toMatch(/not a subject key/);
    const undecodable = await request.get(`${app.url}/api/subjects/%E0%A4%A`);
    expect(undecodable.status()).toBe(400);
    expect((await undecodable.json()).error).toMatch(/^"%E0%A4%A" is not a subject key/);
    const badKind = await request.get(`${app.url}/api/subjects?kind=Robot`);
    expect(badKind.status()).toBe(400);
    expect(await badKind.json()).toEqual({ error: 'kind is ServiceAccount, User or Group' });
    expect(errors).toEqual([]);
  });

  test('GET /api/subjects and /api/subjects/KEY', async ({ request }) => {
    const list = await (await request.get(`${app.url}/api/subjects?q=myapp`)).json();
    expect(list).toEqual({
      total: 1,
      offset: 0,
      subjects: [
        {
          kind: 'ServiceAccount',
          name: 'myapp1',
          namespace: 'default',
          key: 'ServiceAccount:default:myapp1',
          bindings: 2,
          exists: true,
          pods: 1,
        },
      ],
    });
    const res = await request.get(
      `${app.url}/api/subjects/${encodeURIComponent('ServiceAccount:default:myapp1')}`,
    );
    expect(res.status()).toBe(200);
    const detail = await res.json();
    expect(detail.key).toBe('ServiceAccount:default:myapp1');
    expect(detail.pods).toEqual([
      { name: 'myapp1', namespace: 'default', serviceAccountName: 'myapp1' },
    ]);
    expect(detail.roles.map((r: { role: { name: string } }) => r.role.name)).toContain(
      'pod-reader',
    );
    const inDefault = detail.permissions.scopes.find(
      (s: { namespace: string }) => s.namespace === 'default',
    );
    expect(
      inDefault.rows.find((r: { resource: string }) => r.resource === 'pods').cells.list.access,
    ).toBe('all');
  });
});

test.describe('Subjects, on a dump whose ClusterRoleBinding names a ServiceAccount without a namespace', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({
      RBAC_SOURCE: `file:${fixturePath('dumps', 'serviceaccount-without-namespace.yaml')}`,
    });
  });
  test.afterAll(() => app.stop());

  test('its page lists the binding that names it and says why it grants nothing', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/subjects/${encodeURIComponent('ServiceAccount::backup')}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('backup');
    await expect(page.getByText('no namespace: matches nobody')).toBeVisible();
    await expect(page.getByTestId('no-identity')).toContainText('no request is this subject');
    await expect(page.getByRole('link', { name: 'Check a question as this subject' })).toHaveCount(
      0,
    );
    // No binding applies, not even system:authenticated's: no request is this subject.
    await expect(page.getByTestId('bindings-card')).toContainText(
      'No binding applies to this subject: it may do nothing through RBAC. The binding that names it grants nothing (below).',
    );
    const unmatched = page.getByTestId('unmatched-bindings');
    await expect(unmatched.getByRole('listitem')).toHaveCount(1);
    await expect(unmatched).toContainText('ClusterRoleBinding backup-reads-pods');
    await expect(unmatched).toContainText('ClusterRole pod-reader');
    await expect(unmatched).toContainText(
      'It names this ServiceAccount without a namespace, so the API server matches it to no ServiceAccount.',
    );

    // The API says the same.
    const detail = await (
      await page.request.get(
        `${app.url}/api/subjects/${encodeURIComponent('ServiceAccount::backup')}`,
      )
    ).json();
    expect(detail.bindings).toEqual([]);
    expect(detail.unmatchedBindings).toEqual([
      {
        binding: { kind: 'ClusterRoleBinding', name: 'backup-reads-pods' },
        role: { kind: 'ClusterRole', name: 'pod-reader' },
        reason:
          'names this ServiceAccount without a namespace, so the API server matches it to no ServiceAccount',
      },
    ]);
    expect(errors).toEqual([]);
  });

  test('the list marks it as having no namespace, not as missing', async ({ page }) => {
    await page.goto(`${app.url}/subjects`);
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'backup', exact: true }) });
    await expect(row).toContainText('no namespace');
    await expect(row).not.toContainText('not found');
  });

  test("a RoleBinding's subject without a namespace is the ServiceAccount of its namespace", async ({
    page,
  }) => {
    await page.goto(`${app.url}/subjects/${encodeURIComponent('ServiceAccount:ops:backup')}`);
    await expect(page.getByTestId('subject-bindings')).toContainText(
      'RoleBinding ops/backup-reads-ops',
    );
    await expect(page.getByTestId('unmatched-bindings')).toHaveCount(0);
  });

  test('Findings flag the binding', async ({ page }) => {
    await page.goto(`${app.url}/findings?rule=unmatched-subject`);
    const found = page.getByTestId('finding');
    await expect(found).toHaveCount(1);
    await expect(found).toHaveAttribute('data-rule', 'unmatched-subject');
    await expect(found).toContainText(
      'ClusterRoleBinding backup-reads-pods names ServiceAccount backup without a namespace, so it matches no ServiceAccount.',
    );
    await found.getByRole('link', { name: 'Subject' }).click();
    await page.waitForURL(/\/subjects\/ServiceAccount%3A%3Abackup$/);
    await expect(page.getByTestId('unmatched-bindings')).toContainText('backup-reads-pods');
  });
});
