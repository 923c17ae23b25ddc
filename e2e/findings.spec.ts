import { expect, test } from '@playwright/test';
import { startApp, type AppServer } from './fixtures/app-server';

test.describe('Findings on the demo', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: 'demo' });
  });
  test.afterAll(() => app.stop());

  test('the Overview summarises findings and names the riskiest subject', async ({ page }) => {
    await page.goto(app.url);
    await expect(page.getByTestId('overview-critical')).toContainText('1');
    await expect(page.getByTestId('riskiest').getByRole('listitem').first()).toContainText(
      'ServiceAccount ci/deployer',
    );
  });

  test('lists the CI ServiceAccount bound to cluster-admin first, with its path and links', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}/findings`);
    const first = page.getByTestId('finding').first();
    await expect(first).toHaveAttribute('data-severity', 'critical');
    await expect(first).toContainText('ServiceAccount ci/deployer can do anything cluster-wide.');
    await expect(first).toContainText(
      'ClusterRoleBinding ci-deployer-cluster-admin → ClusterRole cluster-admin',
    );
    await expect(first.getByRole('link', { name: 'Check' })).toHaveAttribute(
      'href',
      /as=system%3Aserviceaccount%3Aci%3Adeployer/,
    );
    // The harmless reader of one named ConfigMap is not flagged.
    await expect(page.getByTestId('finding').filter({ hasText: 'team-a/backend' })).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('filters by severity and by rule, and shows system subjects behind a toggle', async ({
    page,
  }) => {
    await page.goto(`${app.url}/findings`);
    const before = await page.getByTestId('finding').count();
    await page.getByRole('checkbox', { name: 'medium' }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/severity=medium/);
    const mediums = page.getByTestId('finding');
    await expect(mediums.first()).toHaveAttribute('data-severity', 'medium');
    expect(await mediums.count()).toBeLessThan(before);
    for (const sev of await mediums.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-severity')),
    )) {
      expect(sev).toBe('medium');
    }
    await page.goto(`${app.url}/findings?rule=pod-exec`);
    await expect(page.getByTestId('finding').first()).toHaveAttribute('data-rule', 'pod-exec');
    await page.goto(`${app.url}/findings?all=1`);
    await expect(
      page.getByTestId('finding').filter({ hasText: 'Group system:masters' }).first(),
    ).toContainText('expected: built-in');
  });

  test('exports CSV and JSON', async ({ page, request }) => {
    await page.goto(`${app.url}/findings?severity=critical`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('rbac-findings.csv');
    const csv = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^severity,rule,subject_kind/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^critical,everything,ServiceAccount,ci,deployer,/);
    const json = await (await request.get(`${app.url}/api/findings?severity=critical,high`)).json();
    expect(json.findings.map((f: { severity: string }) => f.severity)).toEqual([
      'critical',
      'high',
      'high',
    ]);
    const bad = await request.get(`${app.url}/api/findings?severity=severe`);
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatch(/severity/);
  });

  test('a namespace filter lists its findings and the cluster-wide grants, and the tiles count that list', async ({
    page,
    request,
  }) => {
    await page.goto(`${app.url}/findings?namespace=team-b`);
    const rows = page.getByTestId('finding');
    // team-b's own: debugger's pods/exec and a binding to a missing Role; cluster-wide grants
    // (ci/deployer's cluster-admin, group sre reading secrets) apply in team-b too, marked so.
    await expect(rows).toHaveCount(4);
    await expect(page.getByTestId('findings-scope')).toContainText(
      '2 in namespace team-b itself, and 2 cluster-wide grants',
    );
    await expect(rows.filter({ has: page.getByTestId('cluster-wide') })).toHaveCount(2);
    await expect(
      rows.filter({ hasText: 'ServiceAccount ci/deployer can do anything cluster-wide.' }),
    ).toHaveCount(1);
    // Each tile counts what clicking it shows.
    for (const [s, n] of [
      ['critical', 1],
      ['high', 1],
      ['medium', 1],
      ['low', 1],
    ] as const) {
      await expect(page.getByTestId(`severity-${s}`).getByRole('definition')).toHaveText(String(n));
      await expect(rows.and(page.locator(`[data-severity="${s}"]`))).toHaveCount(n);
    }
    // The API answers the same list and counts.
    const api = await (await request.get(`${app.url}/api/findings?namespace=team-b`)).json();
    expect(api.findings).toHaveLength(4);
    expect(api.counts).toEqual({ critical: 1, high: 1, medium: 1, low: 1 });

    // A tile keeps the namespace (and the other filters).
    await page.getByTestId('severity-medium').click();
    await expect(page).toHaveURL(/\/findings\?severity=medium&namespace=team-b$/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('ServiceAccount team-b/debugger can exec');
    await expect(page.getByTestId('severity-critical').getByRole('definition')).toHaveText('1');

    // Leaving cluster-wide grants out is an explicit choice.
    await page.goto(`${app.url}/findings?namespace=team-b`);
    await page.getByRole('checkbox', { name: 'Leave out cluster-wide grants' }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/clusterwide=0/);
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId('severity-critical').getByRole('definition')).toHaveText('0');
    await page.getByTestId('severity-low').click();
    await expect(page).toHaveURL(/severity=low&namespace=team-b&clusterwide=0$/);
    await expect(rows).toHaveCount(1);
  });

  test('a cluster-wide finding is checked cluster-wide, and its graph link marks its path', async ({
    page,
  }) => {
    await page.goto(`${app.url}/findings?rule=read-secrets&namespace=*`);
    const sre = page
      .getByTestId('finding')
      .filter({ hasText: 'Group sre can read secrets cluster-wide.' });
    const check = sre.getByRole('link', { name: 'Check' });
    await expect(check).toHaveAttribute(
      'href',
      /^\/check\?group=sre&verb=get&resource=secrets&namespace=$/,
    );
    await expect(sre.getByRole('link', { name: 'Graph' })).toHaveAttribute(
      'href',
      /focus=subject%3AGroup%3Asre&highlight=subject%3AGroup%3Asre%2Cbinding%3AClusterRoleBinding%3A/,
    );
    await check.click();
    await expect(page).toHaveURL(/namespace=$/);
    // Asked in every namespace, not in default (which a missing namespace would mean).
    await expect(page.getByTestId('verdict')).toHaveText(
      /^Yes, .* can get secrets cluster-wide\.$/,
    );
  });
});
