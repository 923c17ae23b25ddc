import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { startApp, type AppServer } from './fixtures/app-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test.describe('a dashboard protected by RBAC_EXPLORER_TOKEN', () => {
  let app: AppServer;
  const token = 'correct horse battery staple';
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: 'demo', RBAC_EXPLORER_TOKEN: token });
  });
  test.afterAll(() => app.stop());

  test('API routes answer 401 without the token and work with it', async ({ request }) => {
    const none = await request.get(`${app.url}/api/findings`);
    expect(none.status()).toBe(401);
    expect(none.headers()['www-authenticate']).toBe('Bearer');
    const wrong = await request.get(`${app.url}/api/findings`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(wrong.status()).toBe(401);
    const ok = await request.get(`${app.url}/api/findings`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(ok.status()).toBe(200);
  });

  test('pages redirect to a login form that sets an HttpOnly, SameSite=Strict cookie', async ({
    page,
    context,
  }) => {
    await page.goto(`${app.url}/findings?severity=critical`);
    await expect(page).toHaveURL(/\/login\?next=%2Ffindings%3Fseverity%3Dcritical/);
    // Nothing of the data shows before signing in.
    await expect(page.getByTestId('source')).toHaveCount(0);
    await page.getByLabel('Access token').fill('guess');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('login-failed')).toContainText('not right');
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/findings\?severity=critical$/);
    await expect(page.getByTestId('finding').first()).toContainText('ci/deployer');
    const cookie = (await context.cookies()).find((c) => c.name === 'rbac_explorer_token')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
  });

  test('the login never redirects off-site', async ({ request }) => {
    for (const next of ['//evil.example/x', '/\\evil.example/x', 'https://evil.example/']) {
      const res = await request.post(`${app.url}/api/login`, {
        form: { token, next },
        maxRedirects: 0,
      });
      expect(res.status()).toBe(303);
      expect(res.headers().location).toBe('/');
    }
  });
});

test.describe('secure defaults', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: 'demo' });
  });
  test.afterAll(() => app.stop());

  test('every response carries the security headers, with no eval allowed', async ({ request }) => {
    for (const p of ['/', '/findings', '/api/health', '/no-such-page']) {
      const res = await request.get(`${app.url}${p}`);
      const h = res.headers();
      expect(h['content-security-policy'], p).toContain("frame-ancestors 'none'");
      expect(h['content-security-policy'], p).not.toContain('unsafe-eval');
      expect(h['x-content-type-options'], p).toBe('nosniff');
      expect(h['referrer-policy'], p).toBe('no-referrer');
      expect(h['x-powered-by'], p).toBeUndefined();
    }
  });

  test('API answers are never cached nor compressed; pages are compressed', async ({ request }) => {
    const gzip = { 'accept-encoding': 'gzip' };
    for (const p of ['/api/health', '/api/who-can?verb=list&resource=pods', '/api/graph']) {
      const h = (await request.get(`${app.url}${p}`, { headers: gzip })).headers();
      expect(h['cache-control'], p).toBe('no-store, no-transform');
      expect(h['content-encoding'], p).toBeUndefined();
    }
    const page = (await request.get(`${app.url}/findings`, { headers: gzip })).headers();
    expect(page['content-encoding']).toBe('gzip');
  });

  test('refuses a change sent from another site’s page; the same page’s is taken', async ({
    request,
  }) => {
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1.nip.example' },
    ]) {
      const res = await request.post(`${app.url}/api/context`, {
        data: { context: 'x' },
        headers,
      });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      expect((await res.json()).error).toMatch(/^a POST from .* is refused$/);
    }
    const upload = await request.post(`${app.url}/api/upload`, {
      multipart: {
        file: { name: 'x.yaml', mimeType: 'text/yaml', buffer: Buffer.from('kind: Namespace') },
      },
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(upload.status()).toBe(403);
    // From the dashboard's own origin, or from a tool that names none, it is answered.
    const own = await request.post(`${app.url}/api/context`, {
      data: { context: 'nope' },
      headers: { origin: app.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status()).not.toBe(403);
    const tool = await request.post(`${app.url}/api/context`, { data: { context: 'nope' } });
    expect(tool.status()).not.toBe(403);
  });

  test('answers only to this machine’s names while it listens on 127.0.0.1', async () => {
    const status = (url: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get(`${url}/api/health`, { headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
    const port = new URL(app.url).port;
    expect(await status(app.url, `127.0.0.1:${port}`)).toBe(200);
    expect(await status(app.url, `localhost:${port}`)).toBe(200);
    // A name pointed at 127.0.0.1 by another site (DNS rebinding).
    expect(await status(app.url, `evil.example:${port}`)).toBe(403);
    // Told to listen on every address, it answers to any name: HOST for npm start, HOSTNAME
    // for the container image's standalone server (a Pod behind a Service).
    for (const env of <Record<string, string>[]>[
      { HOST: '0.0.0.0' },
      { HOST: '', HOSTNAME: '0.0.0.0' },
    ]) {
      const open = await startApp({ RBAC_SOURCE: 'demo', ...env });
      try {
        expect(await status(open.url, 'rbac-explorer.tools.svc'), JSON.stringify(env)).toBe(200);
      } finally {
        await open.stop();
      }
    }
  });

  test('npm start listens on 127.0.0.1 only unless HOST says otherwise', async () => {
    const port = 39000 + Math.floor(Math.random() * 1000);
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '', RBAC_SOURCE: 'demo' },
      stdio: 'ignore',
    });
    try {
      await expect
        .poll(
          async () =>
            (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined))?.status,
          { timeout: 120_000 },
        )
        .toBe(200);
      const listening = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' });
      expect(
        listening
          .trim()
          .split('\n')
          .map((l) => l.trim().split(/\s+/)[3]),
      ).toEqual([`127.0.0.1:${port}`]);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
