import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { fixturePath, startApp, type AppServer } from './fixtures/app-server';

/** Every route handler under app/api/, with the methods it exports. */
function apiRoutes(): { url: string; methods: string[] }[] {
  const base = fixturePath('..', '..', 'app', 'api');
  const out: { url: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'route.ts') {
        const src = readFileSync(p, 'utf8');
        const methods = [
          ...src.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g),
        ].map((m) => m[1]!);
        const url = `/api/${path.relative(base, dir)}`.replace(/\[\.{0,3}(\w+)\]/g, 'HOSTILE');
        out.push({ url, methods });
      }
    }
  };
  walk(base);
  return out;
}

const long = 'x'.repeat(100_000);
const HOSTILE_VALUES = [
  long,
  '__proto__',
  '../../../../etc/passwd',
  '%00%ff',
  '\u0000\u202e\ud83d\ude00',
  '{"$gt": ""}',
  '<script>alert(1)</script>',
  '*',
  '-1',
  'system:serviceaccount:::',
];
const QUERY_KEYS = [
  'as',
  'group',
  'as-group',
  'verb',
  'resource',
  'apiGroup',
  'subresource',
  'name',
  'namespace',
  'url',
  'severity',
  'rule',
  'all',
  'format',
  'kind',
  'focus',
  'highlight',
  'q',
  'draft',
  '__proto__',
  'constructor',
];

function hostileBodies(): { data: string | Buffer; contentType: string }[] {
  let deep = '1';
  for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
  let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 9; i++)
    bomb += `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9)
      .fill(`*${'abcdefghij'[i - 1]}`)
      .join(',')}]\n`;
  return [
    { data: '', contentType: 'application/json' },
    { data: 'not json', contentType: 'application/json' },
    { data: '[]', contentType: 'application/json' },
    { data: 'null', contentType: 'application/json' },
    {
      data: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}',
      contentType: 'application/json',
    },
    {
      data: JSON.stringify({ spec: long, context: 42, token: ['a'], files: {} }),
      contentType: 'application/json',
    },
    { data: deep, contentType: 'application/json' },
    { data: bomb, contentType: 'application/yaml' },
    { data: Buffer.alloc(2 * 1024 * 1024, 'a'), contentType: 'application/octet-stream' },
    {
      data: 'token=%ZZ&next=%0d%0aSet-Cookie:x=1',
      contentType: 'application/x-www-form-urlencoded',
    },
  ];
}

test.describe('every API route answers hostile input with 4xx JSON, never a 5xx', () => {
  let app: AppServer;
  test.describe.configure({ timeout: 300_000 });
  test.beforeAll(async () => {
    app = await startApp({ RBAC_SOURCE: 'demo' });
  });
  test.afterAll(() => app.stop());

  test('query strings, bodies and path segments', async ({ request }) => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(5);
    const failures: string[] = [];
    let sent = 0;
    const record = (what: string, status: number) => {
      sent++;
      if (status >= 500) failures.push(`${what} → ${status}`);
    };
    for (const { url, methods } of routes) {
      for (const method of methods) {
        for (const [i, v] of HOSTILE_VALUES.entries()) {
          const target = url.replace('HOSTILE', encodeURIComponent(v.slice(0, 2000)));
          const q = new URLSearchParams();
          for (const k of QUERY_KEYS) q.append(k, v);
          q.append('verb', v); // repeated keys
          const res = await request.fetch(`${app.url}${target}?${q}`.slice(0, 60_000), {
            method,
            failOnStatusCode: false,
          });
          record(`${method} ${url} query #${i}`, res.status());
        }
        if (method === 'GET' || method === 'DELETE') continue;
        for (const [i, b] of hostileBodies().entries()) {
          const res = await request.fetch(`${app.url}${url.replace('HOSTILE', 'x')}`, {
            method,
            headers: { 'Content-Type': b.contentType },
            data: b.data,
            failOnStatusCode: false,
          });
          record(`${method} ${url} body #${i}`, res.status());
          if (res.status() >= 400 && (res.headers()['content-type'] ?? '').includes('json')) {
            const body = (await res.json()) as { error?: unknown };
            if (typeof body.error !== 'string')
              failures.push(
                `${method} ${url} body #${i}: a ${res.status()} without an error message`,
              );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(50);
    // Nothing was polluted and the server still answers.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const health = await request.get(`${app.url}/api/health`);
    expect(health.status()).toBe(200);
  });
});
