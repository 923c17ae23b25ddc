// HTTP benchmark of the JSON routes: the L synthetic cluster is written to a YAML dump, the
// production build serves it (RBAC_SOURCE=file:…), and GET /api/check and /api/who-can are
// timed over sequential requests on loopback with varied questions, beside GET /api/health
// as the floor of what any request costs.
//   npm run build && npm run bench:http             (3,000 timed requests per route)
//   npm run bench:http -- 10000                     (another count)
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../e2e/fixtures/app-server';
import { Authorizer } from '../lib/rbac/authorizer';
import { answerCheck } from '../lib/rbac/check-answer';
import { parseCheckQuestion, parseWhoCanQuestion } from '../lib/rbac/question-params';
import { COMMON_RESOURCES } from '../lib/rbac/resource-catalog';
import { whoCanAnswer } from '../lib/rbac/who-can-groups';
import { totalObjects } from '../lib/rbac/subjects';
import { generateCluster, rng, SIZES } from './synthetic-cluster';
import { percentile } from './stats';
import { snapshotToYaml } from './snapshot-yaml';

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const WARM_UP = 500;
const TIMED = Number(process.argv[2] ?? 3000);
if (!Number.isInteger(TIMED) || TIMED < 100) {
  console.error('usage: npm run bench:http -- [REQUESTS ≥ 100]');
  process.exit(2);
}

const random = rng(11);
const int = (n: number) => Math.floor(random() * n);
const namespaces = SIZES.L;

/** A request's part of a question: a random verb on a random resource in a random namespace. */
function requestParams(): URLSearchParams {
  const res = COMMON_RESOURCES[int(COMMON_RESOURCES.length)]!;
  const p = new URLSearchParams({ verb: VERBS[int(VERBS.length)]!, resource: res.resource });
  if (res.group) p.set('apiGroup', res.group);
  // One question in ten asks across all namespaces.
  p.set('namespace', random() < 0.1 ? '' : `ns-${int(namespaces)}`);
  return p;
}

/** Check questions: mostly ServiceAccounts of the namespace asked about, some users and groups. */
function checkQuery(): string {
  const p = requestParams();
  const ns = p.get('namespace') || `ns-${int(namespaces)}`;
  const roll = random();
  const who = new URLSearchParams();
  if (roll < 0.7) who.set('as', `system:serviceaccount:${ns}:sa-${int(6)}`);
  else if (roll < 0.9) who.set('as', `user-${int(500)}@example.com`);
  else who.set('group', `team-${int(50)}`);
  return `/api/check?${who}&${p}`;
}

const whoCanQuery = () => `/api/who-can?${requestParams()}`;

interface Timing {
  ms: number[];
  bytes: number;
  bodies: unknown[];
}

async function run(base: string, queries: string[], keepBodies: boolean): Promise<Timing> {
  const ms: number[] = [];
  const bodies: unknown[] = [];
  let bytes = 0;
  for (const q of queries) {
    const started = performance.now();
    const res = await fetch(base + q);
    const text = await res.text();
    ms.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${q} answered ${res.status}: ${text}`);
    bytes += text.length;
    if (keepBodies) bodies.push(JSON.parse(text));
  }
  return { ms: ms.sort((a, b) => a - b), bytes, bodies };
}

const f = (x: number) => x.toFixed(2).padStart(7);

/** The engine's part of a route, in this process: parse the question, answer it, write JSON. */
function inProcess(queries: string[], answer: (search: URLSearchParams) => unknown): number[] {
  const ms = queries.map((q) => {
    const search = new URLSearchParams(q.slice(q.indexOf('?') + 1));
    const started = performance.now();
    JSON.stringify(answer(search));
    return performance.now() - started;
  });
  return ms.sort((a, b) => a - b);
}

async function main() {
  const snapshot = generateCluster('L');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rbac-explorer-bench-'));
  const dump = path.join(dir, 'synthetic-L.yaml');
  try {
    await writeFile(dump, snapshotToYaml(snapshot));
    const started = Date.now();
    const app = await startApp({ RBAC_SOURCE: `file:${dump}` });
    const loadSeconds = (Date.now() - started) / 1000;
    try {
      const loadBefore = os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(', ');
      const checks = Array.from({ length: WARM_UP + TIMED }, checkQuery);
      const whoCans = Array.from({ length: WARM_UP + TIMED }, whoCanQuery);
      await run(app.url, checks.slice(0, WARM_UP), false);
      await run(app.url, whoCans.slice(0, WARM_UP), false);
      const health = Array.from({ length: WARM_UP + TIMED }, () => '/api/health');
      await run(app.url, health.slice(0, WARM_UP), false);
      const check = await run(app.url, checks.slice(WARM_UP), true);
      const whoCan = await run(app.url, whoCans.slice(WARM_UP), true);
      // The floor: a route that only reads the store's state, to tell the server's own cost apart.
      const baseline = await run(app.url, health.slice(WARM_UP), false);
      const allowed = check.bodies.filter((b) => (b as { allowed: boolean }).allowed).length;
      const subjects = whoCan.bodies.map((b) => (b as { subjects: unknown[] }).subjects.length);

      const load = os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(', ');
      const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
      console.log(
        `HTTP benchmark — ${cpu}, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
      );
      console.log(
        `Synthetic cluster L: ${totalObjects(snapshot).toLocaleString('en')} objects; server up and data loaded in ${loadSeconds.toFixed(1)} s`,
      );
      console.log(
        `${TIMED.toLocaleString('en')} sequential requests per route after ${WARM_UP} to warm up, keep-alive on loopback`,
      );
      console.log(
        `Load average (1, 5, 15 min) before: ${loadBefore}; after: ${load} — other work on the machine shows here\n`,
      );
      console.log('route           p50 ms   p90 ms   p99 ms   max ms   mean KB  answers');
      const row = (name: string, t: Timing, note: string) =>
        console.log(
          `${name.padEnd(14)} ${f(percentile(t.ms, 50))}  ${f(percentile(t.ms, 90))}  ${f(percentile(t.ms, 99))}  ${f(t.ms[t.ms.length - 1]!)}  ${(t.bytes / t.ms.length / 1024).toFixed(1).padStart(8)}  ${note}`,
        );
      const authz = new Authorizer(snapshot);
      const engineCheck = inProcess(checks, (q) =>
        answerCheck(authz, parseCheckQuestion(q, COMMON_RESOURCES)),
      );
      const engineWhoCan = inProcess(whoCans, (q) =>
        whoCanAnswer(authz, parseWhoCanQuestion(q, COMMON_RESOURCES)),
      );
      row('/api/health', baseline, 'baseline: no question asked');
      row('/api/check', check, `${((100 * allowed) / TIMED).toFixed(0)}% allowed`);
      row(
        '/api/who-can',
        whoCan,
        `${(subjects.reduce((a, b) => a + b, 0) / subjects.length).toFixed(1)} subjects on average`,
      );
      console.log(
        `\nIn this process, parsing, answering and writing JSON take p50 ${percentile(engineCheck, 50).toFixed(3)} ms (p99 ${percentile(engineCheck, 99).toFixed(3)}) for a check, p50 ${percentile(engineWhoCan, 50).toFixed(3)} ms (p99 ${percentile(engineWhoCan, 99).toFixed(3)}) for a who-can.`,
      );
    } finally {
      await app.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
