// Two builds side by side: navigations to the same graph view alternate between them (A B, B A,
// …) in new tabs, so both see the same machine. On a shared 2-core machine the same build's time
// drifts by ±0.2 s from one hour to the next; alternating keeps that out of the difference.
//   npm run bench:graph-ab -- DIR_A DIR_B [namespaces=19] [query] [pairs=10]
// DIR_A and DIR_B are checkouts with a production build each (`npm run build`), e.g. `.` and a
// copy of an older commit. Prints the time to data-ready of every navigation and the medians.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import type { AppServer } from '../e2e/fixtures/app-server';
import { CHROMIUM_LAUNCH } from '../e2e/fixtures/chromium';
import { slicedCluster, toKubernetesList } from './graph-clusters';
import { timeToReady } from './graph-ready';

const [dirA, dirB, namespaces = '19', query = '', pairsArg = '10'] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error('usage: npm run bench:graph-ab -- DIR_A DIR_B [namespaces] [query] [pairs]');
  process.exit(2);
}
const pairs = Number(pairsArg);
const dir = mkdtempSync(path.join(os.tmpdir(), 'rbac-graph-ab-'));
const dump = path.join(dir, 'cluster.json');
writeFileSync(dump, JSON.stringify(toKubernetesList(slicedCluster(Number(namespaces)))));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const servers: AppServer[] = [];
const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  const builds = [path.resolve(dirA), path.resolve(dirB)];
  const contexts: BrowserContext[] = [];
  for (const build of builds) {
    // Each checkout's own fixture starts its own build.
    const { startApp } = (await import(path.join(build, 'e2e', 'fixtures', 'app-server.ts'))) as {
      startApp: (env: Record<string, string>, o: { timeoutMs: number }) => Promise<AppServer>;
    };
    servers.push(await startApp({ RBAC_SOURCE: `file:${dump}` }, { timeoutMs: 60_000 }));
    contexts.push(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  }
  const url = (k: number) => `${servers[k]!.url}/graph${query ? `?${query}` : ''}`;
  const timeOnce = async (k: number) => {
    const page = await contexts[k]!.newPage();
    const { ms } = await timeToReady(page, url(k));
    await page.close();
    return ms;
  };
  // Warm-up: each server builds its model, each context caches the chunks.
  for (const k of [0, 1]) await timeOnce(k);
  const times: number[][] = [[], []];
  for (let i = 0; i < pairs; i++) {
    for (const k of i % 2 ? [1, 0] : [0, 1]) times[k]!.push(await timeOnce(k));
  }
  const faster = times[1]!.filter((b, i) => b < times[0]![i]!).length;
  console.log(
    `Graph A/B — ${namespaces} namespaces${query ? `, ${query}` : ''}, ${pairs} pairs, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 16)}Z`,
  );
  builds.forEach((b, k) =>
    console.log(
      `${'AB'[k]} ${b}: new tab → ready, median ${median(times[k]!)} ms (${times[k]!.join(', ')})`,
    ),
  );
  console.log(`B faster than A in ${faster} of ${pairs} pairs`);
} finally {
  await browser.close();
  for (const s of servers) await s.stop();
  rmSync(dir, { recursive: true, force: true });
}
