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
});
