import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import { decodeDraft, encodeDraft } from '../lib/manifests/draft-url';
import { defaultSpec } from '../lib/manifests/wizard-spec';
import { fixturePath, startApp, type AppServer } from './fixtures/app-server';
import { watchErrors } from './fixtures/page-errors';

const heading = (page: Page) => page.getByTestId('wizard-step-heading');

async function nextToReview(page: Page) {
  for (const title of ['Permissions', 'Binding', 'Test Pod', 'Review']) {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(heading(page)).toContainText(title);
  }
  await expect(page.getByTestId('object-statuses')).toBeVisible();
}

/** Downloads the YAML and parses every document of it. */
async function downloadYaml(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download YAML' }).click(),
  ]);
  const text = await readFile((await download.path())!, 'utf8');
  const docs = parseAllDocuments(text).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as {
      kind: string;
      metadata: { name: string; namespace?: string };
      [k: string]: unknown;
    };
  });
  return { fileName: download.suggestedFilename(), text, docs };
}

/** The draft the page's URL carries right now. */
function draftInUrl(page: Page) {
  const param = new URL(page.url()).searchParams.get('draft');
  const decoded = param ? decodeDraft(param) : undefined;
  return decoded?.ok ? decoded.spec : undefined;
}

test.describe('Wizard on the demo', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: 'demo' });
  });
  test.afterAll(() => app.stop());

  test('Next through every step with the defaults, then download the seed story', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/wizard`);
    await expect(heading(page)).toContainText('ServiceAccount');
    await expect(page.getByRole('button', { name: 'Back' })).toBeDisabled();
    await nextToReview(page);

    const { fileName, docs } = await downloadYaml(page);
    expect(fileName).toBe('myapp1-rbac.yaml');
    expect(docs.map((d) => d.kind)).toEqual(['ServiceAccount', 'Role', 'RoleBinding', 'Pod']);
    const [sa, role, binding, pod] = docs;
    expect(sa!.metadata).toEqual({ name: 'myapp1', namespace: 'default' });
    expect(role!.metadata).toEqual({ name: 'pod-reader', namespace: 'default' });
    expect(role!.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]);
    expect(binding!.metadata).toEqual({ name: 'read-pods', namespace: 'default' });
    expect(binding!.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'pod-reader',
    });
    expect(binding!.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'myapp1', namespace: 'default' },
    ]);
    expect((pod!.spec as { serviceAccountName: string }).serviceAccountName).toBe('myapp1');
    await expect(page.getByTestId('yaml')).toContainText('kind: RoleBinding');

    // The demo already tells the seed story: applying it changes nothing, and says so.
    const mine = page.locator(
      '[data-testid="subject-effect"][data-subject="ServiceAccount default/myapp1"]',
    );
    await expect(mine.getByTestId('no-change')).toBeVisible();
    await expect(mine.locator('[data-cell="default|pods|list"]')).toHaveText('✓');
    await expect(mine.locator('[data-cell="default|pods|delete"]')).toHaveCount(0);
    await expect(page.getByTestId('object-statuses')).toContainText('RoleBinding');

    await expect(page.getByTestId('commands')).toContainText(
      'kubectl create rolebinding read-pods --role=pod-reader --serviceaccount=default:myapp1 -n default',
    );
    await expect(page.getByTestId('no-risks')).toBeVisible();
    // The demo is no cluster: nothing to dry-run against.
    await expect(page.getByRole('button', { name: 'Validate on server' })).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('a new app gains list pods in default, and the app it displaces loses it', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/wizard`);
    await page.getByLabel('Name', { exact: true }).fill('myapp2');
    await nextToReview(page);
    const added = page.getByTestId('grant-change').and(page.locator('[data-change="added"]'));
    await expect(added).toHaveText([/Gains: get, list pods in default$/]);
    const mine = page.locator('[data-subject="ServiceAccount default/myapp2"]');
    await expect(mine.locator('[data-cell="default|pods|list"]')).toHaveAttribute(
      'data-new',
      'true',
    );
    const displaced = page.locator('[data-subject="ServiceAccount default/myapp1"]');
    await expect(displaced).toContainText('affected');
    await expect(displaced.getByTestId('grant-change')).toHaveText([
      /Loses: get, list pods in default$/,
    ]);
    await expect(displaced.getByTestId('grant-change')).toHaveAttribute('data-change', 'removed');

    // Where a gain comes from is text the keyboard reaches, not only a tooltip.
    const why = mine.locator('li', { has: page.getByTestId('grant-change') }).locator('details');
    await why.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(
      why.getByText('RoleBinding default/read-pods → Role pod-reader → get, list on pods'),
    ).toBeVisible();
    // So are a table row's objects and paths.
    const podsRow = mine.locator('tr', { has: page.locator('[data-cell="default|pods|list"]') });
    await podsRow.locator('summary').click();
    await expect(podsRow.getByText('get, list: any object')).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('rewriting a ClusterRole that view aggregates shows everyone bound to view, and their risks', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    const spec = defaultSpec();
    spec.role.kind = 'ClusterRole';
    spec.role.name = 'system:aggregate-to-view';
    spec.role.rules = [
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: [] },
    ];
    spec.binding.name = 'myapp1-secrets';
    spec.pod.enabled = false;
    await page.goto(`${app.url}/wizard?draft=${encodeDraft(spec)}&step=review`);
    await expect(page.getByTestId('object-statuses')).toBeVisible();
    // bob@example.com holds view through a ClusterRoleBinding; view aggregates this role.
    const bob = page.locator('[data-subject="User bob@example.com"]');
    await expect(bob).toContainText('affected');
    await expect(
      bob.getByTestId('grant-change').and(page.locator('[data-change="added"]')),
    ).toHaveText([/Gains: get secrets cluster-wide$/]);
    const team = page.locator('[data-subject="Group system:serviceaccounts:team-a"]');
    await expect(
      team.getByTestId('grant-change').and(page.locator('[data-change="added"]')),
    ).toHaveText([/Gains: get secrets in team-a$/]);
    await expect(
      page
        .getByTestId('risk')
        .filter({ hasText: 'User bob@example.com can read secrets cluster-wide.' }),
    ).toContainText('new with this draft, through a replaced object');
    expect(errors).toEqual([]);
  });

  test('an invalid name shows an inline error and blocks Next', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/wizard`);
    const name = page.getByLabel('Name', { exact: true });
    await name.fill('My App');
    await expect(page.getByTestId('field-error')).toContainText(
      'The ServiceAccount name "My App" is not a valid DNS-1123 subdomain',
    );
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(heading(page)).toContainText('ServiceAccount');
    await expect(page.getByText('One problem in this step: fix it to continue.')).toBeVisible();
    await expect(name).toBeFocused();
    // The review cannot be reached past the problem either.
    await expect(page.getByRole('button', { name: /Review/ })).toBeDisabled();
    await name.fill('my-app');
    await expect(page.getByTestId('field-error')).toHaveCount(0);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(heading(page)).toContainText('Permissions');

    // Step 2: no verbs is a problem too.
    await page.getByRole('checkbox', { name: 'get', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'list', exact: true }).uncheck();
    await expect(page.getByTestId('field-error')).toContainText('Rule 1: pick at least one verb.');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(heading(page)).toContainText('Permissions');
    expect(errors).toEqual([]);
  });

  test('the draft lives in the URL: reload and a shared link reopen it', async ({
    page,
    browser,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/wizard`);
    await page.getByLabel('Name', { exact: true }).fill('billing');
    await page.getByLabel('Namespace').fill('team-a');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText('Read-only in a namespace').click();
    await expect(page).toHaveURL(/step=permissions/);
    await expect.poll(() => draftInUrl(page)?.role.rules.length).toBe(3);
    const draft = draftInUrl(page)!;
    expect(draft.serviceAccount).toEqual({ name: 'billing', namespace: 'team-a', existing: false });
    expect(draft.binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'billing', namespace: 'team-a' },
    ]);

    await page.reload();
    await expect(heading(page)).toContainText('Permissions');
    await expect(page.getByRole('radio', { name: 'Read-only in a namespace' })).toBeChecked();
    await page.getByRole('button', { name: 'Back' }).click();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('billing');
    await expect(page.getByLabel('Namespace')).toHaveValue('team-a');

    // The same link in another browser context opens the same draft. The address follows the
    // step a moment later (it is debounced).
    await expect(page).toHaveURL(/step=account/);
    const other = await browser.newPage();
    await other.goto(page.url());
    await expect(other.getByLabel('Name', { exact: true })).toHaveValue('billing');
    await other.close();

    // A damaged link says so and starts from the defaults.
    await page.goto(`${app.url}/wizard?draft=not-a-draft`);
    await expect(page.getByRole('alert').filter({ hasText: 'damaged' })).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('myapp1');
    expect(errors).toEqual([]);
  });

  test('the wizard API: preview, validation errors and dry run without a cluster', async ({
    request,
  }) => {
    const preview = await request.post(`${app.url}/api/wizard/preview`, {
      data: { spec: defaultSpec() },
    });
    expect(preview.status()).toBe(200);
    const body = await preview.json();
    expect(body.objects.map((o: { kind: string }) => o.kind)).toEqual([
      'ServiceAccount',
      'Role',
      'RoleBinding',
      'Pod',
    ]);
    expect(parseAllDocuments(body.yaml).map((d) => d.toJS())).toEqual(body.objects);
    expect(body.effect.subjects[0].label).toBe('ServiceAccount default/myapp1');

    const bad = defaultSpec();
    bad.binding.subjects[0]!.namespace = '';
    const invalid = await request.post(`${app.url}/api/wizard/preview`, { data: { spec: bad } });
    expect(invalid.status()).toBe(400);
    const problem = await invalid.json();
    expect(problem.error).toMatch(/without one it matches nobody/);
    expect(problem.issues[0].path).toEqual(['binding', 'subjects', 0, 'namespace']);

    const garbage = await request.post(`${app.url}/api/wizard/preview`, {
      headers: { 'Content-Type': 'application/json' },
      data: '{"spec": ',
    });
    expect(garbage.status()).toBe(400);
    expect((await garbage.json()).error).toMatch(/send \{"spec": DRAFT\}/);

    const dryRun = await request.post(`${app.url}/api/wizard/dry-run`, {
      data: { spec: defaultSpec() },
    });
    expect(dryRun.status()).toBe(409);
    expect((await dryRun.json()).error).toMatch(/^not connected to a cluster/);
  });
});

test.describe('Wizard on a dump without myapp1', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: `file:${fixturePath('dumps', 'inventory.yaml')}` });
  });
  test.afterAll(() => app.stop());

  test('with the defaults, myapp1 gains list pods in default and nothing else', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${app.url}/wizard`);
    await nextToReview(page);
    await expect(page.getByTestId('object-statuses')).not.toContainText('exists');
    const mine = page.locator('[data-subject="ServiceAccount default/myapp1"]');
    await expect(mine.getByTestId('grant-change')).toHaveText([
      /Gains: get, list pods in default$/,
    ]);
    await expect(mine.getByTestId('grant-change')).toHaveAttribute('data-change', 'added');
    await expect(mine.locator('[data-cell="default|pods|list"]')).toHaveAttribute(
      'data-new',
      'true',
    );
    await expect(mine.locator('[data-cell="default|pods|delete"]')).toHaveCount(0);
    const { docs } = await downloadYaml(page);
    expect(docs).toHaveLength(4);
    expect(errors).toEqual([]);
  });
});
