import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { fixturePath, startApp, type AppServer } from './fixtures/app-server';
import { adminRequest, startTestCluster, type TestCluster } from './fixtures/test-cluster';

/** Every file of the built client bundle. */
function clientFiles(dir = fixturePath('..', '..', '.next', 'static')): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? clientFiles(p) : [p];
  });
}

test.describe('no kubeconfig content, token or client certificate reaches the browser', () => {
  let cluster: TestCluster;
  let app: AppServer;
  const secrets: string[] = [];

  test.describe.configure({ timeout: 300_000 });
  test.beforeAll(async () => {
    test.setTimeout(900_000);
    cluster = await startTestCluster({
      seed: [fixturePath('..', '..', 'lib', 'sources', 'demo', 'story.yaml')],
    });
    const kc = parse(readFileSync(cluster.kubeconfig, 'utf8'));
    const user = kc.users[0].user;
    // The admin's client certificate and key, as stored and decoded, and a ServiceAccount token.
    for (const data of [user['client-certificate-data'], user['client-key-data']]) {
      secrets.push(data.slice(20, 80));
      const pem = Buffer.from(data, 'base64').toString('utf8');
      secrets.push(pem.split('\n')[1]!.slice(0, 60));
    }
    const { status } = await adminRequest<{ status: { token: string } }>(
      cluster,
      'POST',
      '/api/v1/namespaces/default/serviceaccounts/myapp1/token',
      { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} },
    );
    secrets.push(status.token.split('.')[2]!.slice(0, 40));
    app = await startApp({ RBAC_SOURCE: '', KUBECONFIG: cluster.kubeconfig });
  });
  test.afterAll(async () => {
    await app?.stop();
    await cluster?.stop();
  });

  test('pages, API responses and the client bundle hold none of them', async ({
    page,
    request,
  }) => {
    expect(secrets.length).toBe(5);
    const seen: string[] = [];
    page.on('response', async (res) => {
      try {
        seen.push(await res.text());
      } catch {
        // redirects and aborted requests have no body
      }
    });
    for (const p of [
      '/',
      '/findings',
      '/subjects',
      '/check',
      '/who-can',
      '/graph',
      '/wizard',
      '/upload',
    ]) {
      await page.goto(`${app.url}${p}`);
      await page.waitForLoadState('load');
    }
    for (const p of ['/api/health', '/api/findings?all=1', '/api/findings?format=csv&all=1']) {
      seen.push(await (await request.get(`${app.url}${p}`)).text());
    }
    expect(seen.length).toBeGreaterThan(10);
    for (const body of seen) for (const s of secrets) expect(body.includes(s)).toBe(false);
    const bundle = clientFiles();
    expect(bundle.length).toBeGreaterThan(5);
    for (const f of bundle) {
      const text = readFileSync(f, 'utf8');
      for (const s of secrets) expect(text.includes(s), f).toBe(false);
      expect(text.includes('client-key-data'), f).toBe(false);
    }
  });
});
