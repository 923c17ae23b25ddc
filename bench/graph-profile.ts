// Where the time goes between navigation and the graph's data-ready, for one view: navigation
// timing, the page's performance marks, transfer sizes, and the main thread's trace grouped by
// event and by script. Needs a production build, like bench/graph.ts:
//   npm run bench:graph-profile -- 19            (the ≈2,000-element view)
//   npm run bench:graph-profile -- 107 all=1     (the ≈10,000-element view)
//   npm run bench:graph-profile -- demo          (the built-in demo data)
// Options: --cpu also takes a JS CPU profile (self time by function; the profile is written to
// the temp directory as graph-profile.cpuprofile), --trace=FILE writes the Chrome trace.
// Main-thread CPU per phase is between the page's performance marks (graph:*).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../e2e/fixtures/app-server';
import { CHROMIUM_LAUNCH } from '../e2e/fixtures/chromium';
import { chromium } from '@playwright/test';
import { slicedCluster, toKubernetesList } from './graph-clusters';

const [which = '19', query = ''] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const traceOut = process.argv.find((a) => a.startsWith('--trace='))?.slice('--trace='.length);

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; functionName?: string; frame?: string } };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'rbac-graph-profile-'));
let source = 'demo';
if (which !== 'demo') {
  const dump = path.join(dir, 'cluster.json');
  writeFileSync(dump, JSON.stringify(toKubernetesList(slicedCluster(Number(which)))));
  source = `file:${dump}`;
}
const server = await startApp({ RBAC_SOURCE: source }, { timeoutMs: 60_000 });
const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  const url = `${server.url}/graph${query ? `?${query}` : ''}`;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const ready = '[data-testid="graph-canvas"][data-ready="true"]';
  // Warm-up, as in bench/graph.ts: the server's model cache and the browser's chunk cache.
  const warm = await context.newPage();
  await warm.goto(url);
  await warm.waitForSelector(ready, { timeout: 180_000 });
  await warm.close();

  const page = await context.newPage();
  const cpuProfile = process.argv.includes('--cpu');
  const cdp = await page.context().newCDPSession(page);
  if (cpuProfile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
  }
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'blink.user_timing',
    ],
  });
  await page.goto(url);
  await page.waitForSelector(ready, { timeout: 180_000 });
  const trace = JSON.parse((await browser.stopTracing()).toString()) as {
    traceEvents: TraceEvent[];
  };
  if (traceOut) writeFileSync(traceOut, JSON.stringify(trace));
  if (cpuProfile) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(path.join(os.tmpdir(), 'graph-profile.cpuprofile'), JSON.stringify(profile));
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      const n = byId.get(id)!;
      const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.replace(server.url, '').slice(-28)}:${f.lineNumber}:${f.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0));
    });
    console.log('JS self time (CPU profile), ms');
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 45))
      console.log(`${(v / 1000).toFixed(1).padStart(8)}  ${k}`);
  }
  const info = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map((r) => ({
      name: r.name.replace(location.origin, ''), start: Math.round(r.startTime),
      end: Math.round(r.responseEnd), size: r.encodedBodySize, decoded: r.decodedBodySize,
    }));
    const marks = performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]);
    const paints = performance.getEntriesByType('paint').map((m) => [m.name, Math.round(m.startTime)]);
    const c = document.querySelector('[data-testid="graph-canvas"]');
    return {
      nav: { responseStart: Math.round(nav.responseStart), responseEnd: Math.round(nav.responseEnd),
        domInteractive: Math.round(nav.domInteractive), dcl: Math.round(nav.domContentLoadedEventEnd),
        load: Math.round(nav.loadEventEnd), html: nav.encodedBodySize, htmlDecoded: nav.decodedBodySize },
      res, marks, paints, readyMs: c.dataset.readyMs, nodes: c.dataset.nodeCount, edges: c.dataset.edgeCount,
      renderer: c.dataset.renderer,
    };
  })()`)) as Record<string, unknown>;
  console.log(
    JSON.stringify({ ...info, res: undefined }, null, 1),
    '\nresources (start → end ms, bytes on the wire / decoded):',
  );
  for (const r of info.res as {
    name: string;
    start: number;
    end: number;
    size: number;
    decoded: number;
  }[])
    console.log(
      `${String(r.start).padStart(6)} → ${String(r.end).padStart(6)}  ${r.size} / ${r.decoded}  ${r.name.slice(0, 90)}`,
    );

  // The renderer main thread: the thread of the page's first ParseHTML.
  const events = trace.traceEvents;
  const mark = events.find((e) => e.name === 'graph:ready')!;
  const main = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid);
  const readyMark = mark.ts;
  // The page's time origin: the ready mark less its performance.now().
  const navStart = readyMark - Number(info.readyMs) * 1000;
  // Top-level tasks on the main thread (RunTask), and the event kinds inside them (self time).
  const byName = new Map<string, number>();
  const complete = main
    .filter((e) => e.ph === 'X' && e.dur !== undefined && e.ts <= readyMark)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Self time: subtract nested children (events nest on one thread).
  const stack: { e: TraceEvent; child: number }[] = [];
  const flush = (upTo: number) => {
    while (
      stack.length &&
      stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= upTo
    ) {
      const top = stack.pop()!;
      const self = top.e.dur! - top.child;
      const key =
        top.e.name === 'EvaluateScript' ||
        top.e.name === 'v8.compile' ||
        top.e.name === 'FunctionCall'
          ? `${top.e.name} ${(top.e.args?.data?.url ?? '').replace(server.url, '').slice(0, 70)}`
          : top.e.name;
      byName.set(key, (byName.get(key) ?? 0) + self);
    }
  };
  for (const e of complete) {
    flush(e.ts);
    if (stack.length) stack[stack.length - 1]!.child += e.dur!;
    stack.push({ e, child: 0 });
  }
  flush(Infinity);
  // Main-thread CPU (thread time of top-level tasks) per phase, by the marks the page sets
  // until graph:ready (later batches may have set graph:complete since).
  const phases: [string, number][] = [
    ['navigation start', navStart],
    ...(info.marks as [string, number][])
      .map(([n, t]): [string, number] => [n, navStart + t * 1000])
      .filter(([, ts]) => ts <= readyMark),
  ];
  const cpuIn = new Array(phases.length).fill(0) as number[];
  const wallIn = phases.map((p, i) => ((phases[i + 1]?.[1] ?? readyMark) - p[1]) / 1000);
  for (const e of main) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || e.ts > readyMark || e.ts < navStart) continue;
    let k = phases.length - 1;
    while (k > 0 && e.ts < phases[k]![1]) k--;
    cpuIn[k]! += (e.tdur ?? e.dur ?? 0) / 1000;
  }
  console.log('phase (from mark → next mark): wall ms, main-thread CPU ms');
  phases
    .slice(0, -1)
    .forEach(([n], i) =>
      console.log(
        `  ${n.padEnd(26)} ${wallIn[i]!.toFixed(0).padStart(6)} ${cpuIn[i]!.toFixed(0).padStart(6)}`,
      ),
    );
  const rows = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log('main-thread self time until graph:ready, ms');
  for (const [k, v] of rows) console.log(`${(v / 1000).toFixed(1).padStart(8)}  ${k}`);
  // The timeline of long tasks.
  const t0 = navStart ?? complete[0]?.ts ?? 0;
  console.log('tasks ≥ 20 ms (start → end ms since navigation start)');
  for (const e of complete.filter((x) => x.name === 'RunTask' && x.dur! >= 20_000)) {
    const inner = complete
      .filter((x) => x.ts >= e.ts && x.ts < e.ts + e.dur! && x.name !== 'RunTask')
      .sort((a, b) => b.dur! - a.dur!)
      .slice(0, 3)
      .map(
        (x) =>
          `${x.name}${x.args?.data?.url ? ` ${x.args.data.url.replace(server.url, '').slice(0, 50)}` : ''}${x.args?.data?.functionName ? ` ${x.args.data.functionName}` : ''} ${(x.dur! / 1000).toFixed(0)}`,
      );
    console.log(
      `${((e.ts - t0) / 1000).toFixed(0).padStart(6)} → ${((e.ts + e.dur! - t0) / 1000).toFixed(0).padStart(6)}  ${inner.join(' | ')}`,
    );
  }
  await context.close();
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
