import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startApp } from './e2e/fixtures/app-server';
import { CHROMIUM_LAUNCH } from './e2e/fixtures/chromium';
import { slicedCluster, toKubernetesList } from './bench/graph-clusters';
const dir = mkdtempSync(path.join(os.tmpdir(), 'shots-'));
const dump = path.join(dir, 'c.json');
writeFileSync(dump, JSON.stringify(toKubernetesList(slicedCluster(107))));
const app = await startApp({ RBAC_SOURCE: `file:${dump}` }, { timeoutMs: 60000 });
const b = await chromium.launch(CHROMIUM_LAUNCH);
for (const [w, h, q, name] of [[1440, 900, 'all=1', 'all'], [1024, 768, '', 'default'], [1440, 900, 'namespace=ns-3&namespace=ns-4', 'two']] as const) {
  const p = await b.newPage({ viewport: { width: w, height: h } });
  await p.goto(`${app.url}/graph?${q}`);
  await p.waitForSelector('[data-testid="graph-canvas"][data-ready="true"]');
  await p.screenshot({ path: `/tmp/shot-${name}-ready.png` });
  await p.waitForSelector('[data-testid="graph-canvas"][data-complete="true"]', { timeout: 60000 });
  await p.screenshot({ path: `/tmp/shot-${name}-complete.png` });
  await p.close();
}
await b.close();
await app.stop();
