// Graph benchmark: in headless Chromium, the time from navigation to a laid-out, interactive
// graph (the canvas's data-ready: what the first viewport shows is drawn and answers input),
// the time until every element is drawn (data-complete), and the frame times while panning, at
// about 500, 2,000 and 10,000 elements and for the default (folded) view of the synthetic L
// cluster; canvas against cytoscape's WebGL renderer. Three kinds of navigation: the address in a
// new tab (a new renderer process, every script compiled again); the address in a tab that shows
// another page of the dashboard (a full page load in the same process); and a click on the
// Graph link of that page (the dashboard's own navigation). Needs a production build first:
//   npm run build && npm run bench:graph
//   npm run bench:graph -- --quick      (one run per case, canvas only)
//   npm run bench:graph -- --canvas     (canvas only)
//   npm run bench:graph -- --persistent (a browser profile on disk: see below)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../e2e/fixtures/app-server';
import { CHROMIUM_LAUNCH } from '../e2e/fixtures/chromium';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { RbacSnapshot } from '../lib/rbac/types';
import { slicedCluster, toKubernetesList } from './graph-clusters';
import { timeToReady } from './graph-ready';
import { generateCluster } from './synthetic-cluster';

const quick = process.argv.includes('--quick');
const canvasOnly = quick || process.argv.includes('--canvas');
// By default each view gets a fresh incognito context, where Chromium keeps no compiled code
// between navigations: every navigation compiles all scripts again, unlike a returning user's
// browser. With --persistent, a profile on disk keeps V8's code cache, after two warm-ups.
const persistent = process.argv.includes('--persistent');
const RUNS = quick ? 1 : 5;
const PAN_MS = 2000;

interface Case {
  name: string;
  cluster: () => RbacSnapshot;
  /** The page's query: the default view, or everything unfolded. */
  query: string;
}

const CASES: Case[] = [
  { name: '≈500 elements (3 namespaces)', cluster: () => slicedCluster(3), query: '' },
  { name: '≈2,000 elements (19 namespaces)', cluster: () => slicedCluster(19), query: '' },
  {
    name: '≈10,000 elements (107 namespaces, all=1)',
    cluster: () => slicedCluster(107),
    query: 'all=1',
  },
  { name: 'L cluster, default view (folded)', cluster: () => generateCluster('L'), query: '' },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The tab on the Overview page, loaded and settled: where the other two navigations start. */
async function openOverview(page: Page, base: string) {
  await page.goto(`${base}/`);
  await page.waitForTimeout(500);
}

/** Same tab: from the Overview page, a full page load of `url`. */
async function sameTabToReady(page: Page, base: string, url: string) {
  await openOverview(page, base);
  return timeToReady(page, url);
}

/**
 * In the dashboard: from the Overview page, a click on the Graph link; ms from the pointer
 * going down to data-ready (both on the document's clock: the page is not reloaded).
 */
async function clickToReady(page: Page, base: string) {
  await openOverview(page, base);
  await page.evaluate(`
    document.addEventListener('pointerdown', () => { window.__downAt = performance.now(); },
      { capture: true, once: true });
  `);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Graph' }).click();
  const canvas = page.getByTestId('graph-canvas');
  await page.waitForSelector('[data-testid="graph-canvas"][data-complete="true"]', {
    timeout: 180_000,
  });
  const down = (await page.evaluate('window.__downAt')) as number;
  return Math.round(Number(await canvas.getAttribute('data-ready-ms')) - down);
}

/** Drags the graph around for PAN_MS with the mouse and records requestAnimationFrame intervals. */
async function panFrames(page: Page) {
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  // A string, not a function: tsx would wrap a function with helpers the page does not have.
  await page.evaluate(`
    window.__frames = [];
    window.__recording = true;
    requestAnimationFrame(function tick(t) {
      if (!window.__recording) return;
      window.__frames.push(t);
      requestAnimationFrame(tick);
    });
  `);
  // Start on empty canvas (a band's background does not take events): drag pans the viewport.
  await page.mouse.move(cx, box.y + 8);
  await page.mouse.down();
  const started = Date.now();
  let i = 0;
  while (Date.now() - started < PAN_MS) {
    const t = i++ / 30;
    await page.mouse.move(
      cx + Math.sin(t) * box.width * 0.3,
      box.y + 8 + Math.abs(Math.cos(t)) * box.height * 0.4,
    );
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
  const frames = (await page.evaluate('window.__recording = false; window.__frames')) as number[];
  const gaps = frames.slice(1).map((t, k) => t - frames[k]!);
  const sorted = [...gaps].sort((a, b) => a - b);
  const mean = gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length);
  return {
    fps: 1000 / mean,
    meanMs: mean,
    p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    moves: i,
  };
}

async function runCase(browser: Browser, c: Case, renderers: string[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rbac-graph-bench-'));
  const dump = path.join(dir, 'cluster.json');
  writeFileSync(dump, JSON.stringify(toKubernetesList(c.cluster())));
  // Large dumps take a while to read: the L cluster is ≈50k objects.
  const server = await startApp({ RBAC_SOURCE: `file:${dump}` }, { timeoutMs: 60_000 });
  const rows = [];
  try {
    for (const renderer of renderers) {
      try {
        rows.push(await measure(browser, server.url, c, renderer));
      } catch (err) {
        rows.push({
          case: c.name,
          renderer,
          failed: err instanceof Error ? err.message.split('\n')[0]! : String(err),
        });
      }
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** One renderer on one case: a warm-up, RUNS timed navigations, then a pan. */
async function measure(browser: Browser, base: string, c: Case, renderer: string) {
  const qs = [c.query, renderer === 'webgl' ? 'renderer=webgl' : ''].filter(Boolean).join('&');
  const url = `${base}/graph${qs ? `?${qs}` : ''}`;
  const viewport = { width: 1440, height: 900 };
  const profile = persistent ? mkdtempSync(path.join(os.tmpdir(), 'rbac-graph-profile-')) : '';
  const context: BrowserContext = persistent
    ? await chromium.launchPersistentContext(profile, { ...CHROMIUM_LAUNCH, viewport })
    : await browser.newContext({ viewport });
  const errors: string[] = [];
  try {
    // Warm-up: the server builds the model once per data version, the browser caches chunks
    // (and, with a profile on disk, compiled code: V8 writes it on a script's second run).
    for (let w = 0; w < (persistent ? 2 : 1); w++) {
      const warm = await context.newPage();
      warm.on('pageerror', (e) => errors.push(e.message));
      await timeToReady(warm, url);
      await warm.close();
    }
    const times: number[] = [];
    let shown = { ms: 0, completeMs: 0, nodes: 0, edges: 0, renderer: '' };
    const completes: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      shown = await timeToReady(page, url);
      times.push(shown.ms);
      completes.push(shown.completeMs);
      await page.close();
    }
    // The other kinds of navigation, on the canvas renderer; a click on the Graph link gives the
    // default view only.
    const sameTab: number[] = [];
    const click: number[] = [];
    for (let r = 0; r < (renderer === 'canvas' ? RUNS : 0); r++) {
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      sameTab.push((await sameTabToReady(page, base, url)).ms);
      if (!c.query) click.push(await clickToReady(page, base));
      await page.close();
    }
    const page = await context.newPage();
    await timeToReady(page, url);
    const pan = await panFrames(page);
    await page.close();
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    return {
      case: c.name,
      renderer: shown.renderer,
      elements: shown.nodes + shown.edges,
      readyMs: median(times),
      completeMs: median(completes),
      runs: times,
      sameTab,
      click,
      ...pan,
    };
  } finally {
    await context.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  }
}

const browser = await chromium.launch(CHROMIUM_LAUNCH);
const webgl = await (async () => {
  const page = await browser.newPage();
  const ok = await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
  await page.close();
  return ok;
})();
const load = () => os.loadavg()[0]!.toFixed(1);
console.log(
  `Graph benchmark — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${browser.version()}, WebGL2 ${webgl ? 'available' : 'not available'}, ${persistent ? 'profile on disk' : 'incognito contexts'}, ${new Date().toISOString().slice(0, 10)}, load average ${load()} at the start`,
);
console.log(
  '| view | renderer | elements | new tab → ready, median ms (runs) | all elements drawn, median ms | same tab → ready, median ms (runs) | click on Graph → ready, median ms (runs) | panning fps | frame mean / p95 ms | load avg |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const runs = (xs: number[]) =>
  xs.length ? `${median(xs).toLocaleString('en')} (${xs.join(', ')})` : '–';
try {
  for (const c of CASES) {
    const renderers = canvasOnly || !webgl ? ['canvas'] : ['canvas', 'webgl'];
    for (const r of await runCase(browser, c, renderers)) {
      if ('failed' in r) {
        console.log(
          `| ${r.case} | ${r.renderer} | – | failed: ${r.failed} | – | – | – | – | – | ${load()} |`,
        );
        continue;
      }
      console.log(
        `| ${r.case} | ${r.renderer} | ${r.elements.toLocaleString('en')} | ${runs(r.runs)} | ${r.completeMs.toLocaleString('en')} | ${runs(r.sameTab)} | ${runs(r.click)} | ${r.fps.toFixed(0)} | ${r.meanMs.toFixed(1)} / ${r.p95Ms.toFixed(1)} | ${load()} |`,
      );
    }
  }
} finally {
  await browser.close();
}
