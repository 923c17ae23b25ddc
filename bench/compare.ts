// Side by side, in one run: RBAC Explorer against the real API server and peer tools.
// For each synthetic cluster (S, M, L of the engine benchmark) a real kube-apiserver is started
// (test-cluster/), the cluster is created in it, and then:
//   - snapshot load from the API server (paged lists, then the index) and the dashboard's memory;
//   - "who can list pods in namespace X": the dashboard's HTTP API (warm) and the CLI (cold,
//     loading everything from the API server) against kubectl-who-can;
//   - "can ServiceAccount X list pods in Y": /api/check and the CLI against a
//     SubjectAccessReview round trip and `kubectl auth can-i`;
//   - one ServiceAccount's permissions: /api/subjects/KEY and the CLI against rakkess;
//   - every answer of ours and of each peer against SubjectAccessReview on the same questions.
// Exits 1 when one of our answers differs from SubjectAccessReview or a tool fails.
//
//   npm run build && npm run bench              (S, M and L: about 10 minutes)
//   npm run bench -- S M                        (some sizes)
//   npm run bench -- --smoke                    (S, a few questions: the run inside npm test)
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { startApp, type AppServer } from '../e2e/fixtures/app-server';
import { startTestCluster } from '../e2e/fixtures/test-cluster';
import { KubeClient } from '../lib/kube/kube-client';
import { subjectAccessReview } from '../lib/kube/subject-access-review';
import { Authorizer } from '../lib/rbac/authorizer';
import { serviceAccountIdentity, subjectKey } from '../lib/rbac/identity';
import type { ResourceAttributes } from '../lib/rbac/rule-matching';
import type { RbacSnapshot, Subject } from '../lib/rbac/types';
import { ClusterSource } from '../lib/sources/cluster-source';
import { loadIntoCluster, waitForAggregation } from './load-cluster';
import {
  buildPeers,
  kubectlCanI,
  kubectlWhoCan,
  rakkess,
  runTimed,
  type PeerBinaries,
  type ResourceQuestion,
} from './peer-tools';
import { median, percentile } from './stats';
import { generateCluster, rng, SIZES, type Size } from './synthetic-cluster';
import { allowedByApiServer, candidateSubjects, difference } from './who-can-truth';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'rbac-explorer.mjs');

const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const sizes = (smoke ? ['S'] : argv.filter((a) => !a.startsWith('-'))) as Size[];
if (sizes.length === 0) sizes.push('S', 'M', 'L');
for (const s of sizes) {
  if (!(s in SIZES)) {
    console.error(`usage: npm run bench -- [--smoke] [S] [M] [L]   ("${s}" is not a size)`);
    process.exit(2);
  }
}

/** How much each size asks: namespaces asked about, check questions, timed HTTP requests. */
const PLAN = smoke
  ? { namespaces: 2, checks: 6, serviceAccounts: 1, http: 20, cold: 1 }
  : { namespaces: 5, checks: 40, serviceAccounts: 3, http: 300, cold: 3 };

const WHO_CAN_TYPES: Omit<ResourceQuestion, 'namespace'>[] = [
  { verb: 'list', type: 'pods' },
  { verb: 'get', type: 'secrets' },
  { verb: 'create', type: 'deployments.apps' },
  { verb: 'get', type: 'pods', subresource: 'log' },
  { verb: 'delete', type: 'configmaps' },
  { verb: 'update', type: 'deployments.apps', subresource: 'scale' },
];
const CHECK_TYPES = WHO_CAN_TYPES;
const MATRIX_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

function attributesOf(q: ResourceQuestion): ResourceAttributes {
  const [resource, ...group] = q.type.split('.');
  const a: ResourceAttributes = {
    verb: q.verb,
    resource: resource!,
    apiGroup: group.join('.'),
    namespace: q.namespace,
  };
  if (q.subresource) a.subresource = q.subresource;
  return a;
}

function queryOf(q: ResourceQuestion): URLSearchParams {
  const a = attributesOf(q);
  const p = new URLSearchParams({ verb: a.verb, resource: a.resource!, namespace: q.namespace });
  if (a.apiGroup) p.set('apiGroup', a.apiGroup);
  if (q.subresource) p.set('subresource', q.subresource);
  return p;
}

async function getJson<T>(app: AppServer, pathAndQuery: string): Promise<{ ms: number; body: T }> {
  const started = performance.now();
  const res = await fetch(app.url + pathAndQuery);
  const text = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${pathAndQuery} answered ${res.status}: ${text}`);
  return { ms, body: JSON.parse(text) as T };
}

/** p50 of `count` sequential requests cycling through `paths` (after one pass to warm up). */
async function httpP50(app: AppServer, paths: string[], count: number): Promise<number> {
  for (const p of paths) await getJson(app, p);
  const ms: number[] = [];
  for (let i = 0; i < count; i++) ms.push((await getJson(app, paths[i % paths.length]!)).ms);
  return percentile(
    ms.sort((a, b) => a - b),
    50,
  );
}

/** The resident memory of a process and its children, in MB. */
function rssMb(pid: number): number {
  const own = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  let kb = Number(own?.[1] ?? 0);
  for (const task of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/))
    if (task) kb += rssMb(Number(task)) * 1024;
  return kb / 1024;
}

async function cliRun(args: string[], kubeconfig: string) {
  const run = await runTimed(process.execPath, [cli, ...args, '--kubeconfig', kubeconfig]);
  if (run.code !== 0 && run.code !== 1)
    throw new Error(`rbac-explorer ${args.join(' ')}: exit ${run.code}: ${run.stderr}`);
  return run;
}

interface Disagreement {
  size: Size;
  tool: string;
  question: string;
  detail: string;
}

interface SizeResult {
  size: Size;
  objects: number;
  createSeconds: number;
  loadSeconds: number[];
  rssMb: number;
  whoCan: { warmMs: number; coldMs: number; peerMs: number };
  check: { warmMs: number; coldMs: number; sarMs: number; kubectlMs: number };
  matrix: { warmMs: number; coldMs: number; rakkessMs: number; resources: number };
  compared: Record<string, { questions: number; differ: number }>;
}

const disagreements: Disagreement[] = [];
const count = (r: SizeResult, tool: string, differs: boolean) => {
  const c = (r.compared[tool] ??= { questions: 0, differ: 0 });
  c.questions++;
  if (differs) c.differ++;
};

/** Counts a yes/no answer against SubjectAccessReview's, and records it when they differ. */
function compareVerdict(
  result: SizeResult,
  tool: string,
  question: string,
  answer: boolean,
  truth: boolean,
) {
  count(result, tool, answer !== truth);
  if (answer !== truth)
    disagreements.push({
      size: result.size,
      tool,
      question,
      detail: `says ${answer ? 'yes' : 'no'}, SubjectAccessReview ${truth ? 'yes' : 'no'}`,
    });
}

function sample<T>(random: () => number, xs: readonly T[], n: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length > 0)
    out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

async function runSize(size: Size, peers: PeerBinaries): Promise<SizeResult> {
  const random = rng(7);
  const synthetic = generateCluster(size);
  const cluster = await startTestCluster({ timeoutMs: 300_000 });
  let app: AppServer | undefined;
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    const admin = new KubeClient(kc);
    const createStarted = performance.now();
    const objects = await loadIntoCluster(admin, synthetic);
    const createSeconds = (performance.now() - createStarted) / 1000;
    await waitForAggregation(admin);
    log(`${size}: ${objects} objects created in ${createSeconds.toFixed(1)} s`);

    // Cold load, in this process: every kind listed in pages of 500, then indexed.
    const loadSeconds: number[] = [];
    let snapshot!: RbacSnapshot;
    for (let i = 0; i < PLAN.cold; i++) {
      const started = performance.now();
      const source = new ClusterSource(admin, 'bench');
      await source.load();
      snapshot = source.snapshot();
      new Authorizer(snapshot);
      loadSeconds.push((performance.now() - started) / 1000);
    }

    app = await startApp({ RBAC_SOURCE: 'cluster', KUBECONFIG: cluster.kubeconfig });
    const namespaces = sample(
      random,
      synthetic.namespaces.map((n) => n.name),
      PLAN.namespaces,
    );
    const result: SizeResult = {
      size,
      objects,
      createSeconds,
      loadSeconds,
      rssMb: 0,
      whoCan: { warmMs: 0, coldMs: 0, peerMs: 0 },
      check: { warmMs: 0, coldMs: 0, sarMs: 0, kubectlMs: 0 },
      matrix: { warmMs: 0, coldMs: 0, rakkessMs: 0, resources: 0 },
      compared: {},
    };

    // Who can: answers of ours and kubectl-who-can against SubjectAccessReview.
    const listPods: string[] = [];
    const listPodsTruth = new Map<string, Set<string>>();
    const peerListPodsMs: number[] = [];
    for (const namespace of namespaces) {
      for (const t of WHO_CAN_TYPES) {
        const q = { ...t, namespace };
        const label = `who can ${q.verb} ${q.type}${q.subresource ? `/${q.subresource}` : ''} in ${namespace}`;
        const url = `/api/who-can?${queryOf(q)}`;
        if (q.verb === 'list' && q.type === 'pods') listPods.push(url);
        const ours = new Set(
          (await getJson<{ subjects: { key: string }[] }>(app, url)).body.subjects.map(
            (s) => s.key,
          ),
        );
        const peer = await kubectlWhoCan(peers['kubectl-who-can'], cluster.kubeconfig, q);
        if (q.verb === 'list' && q.type === 'pods') peerListPodsMs.push(peer.ms);
        if (peer.subjects.size === 0) throw new Error(`kubectl-who-can found nobody for ${label}`);
        const candidates = new Set([
          ...candidateSubjects(snapshot, namespace),
          ...ours,
          ...peer.subjects,
        ]);
        const truth = await allowedByApiServer(admin, candidates, attributesOf(q));
        if (q.verb === 'list' && q.type === 'pods') listPodsTruth.set(namespace, truth);
        for (const [tool, answer] of [
          ['RBAC Explorer who-can', ours],
          ['kubectl-who-can', peer.subjects],
        ] as const) {
          const d = difference(answer, truth);
          const differs = d.missing.length + d.extra.length > 0;
          count(result, tool, differs);
          if (differs)
            disagreements.push({
              size,
              tool,
              question: label,
              detail: [
                d.missing.length ? `misses ${d.missing.join(', ')}` : '',
                d.extra.length ? `wrongly lists ${d.extra.join(', ')}` : '',
              ]
                .filter(Boolean)
                .join('; '),
            });
        }
      }
    }
    result.whoCan.peerMs = median(peerListPodsMs);
    result.whoCan.warmMs = await httpP50(app, listPods, PLAN.http);
    const coldWhoCan: number[] = [];
    for (const namespace of namespaces.slice(0, PLAN.cold)) {
      const args = ['who-can', 'list', 'pods', '-n', namespace, '-o', 'json'];
      const run = await cliRun(args, cluster.kubeconfig);
      coldWhoCan.push(run.ms);
      const answer = (JSON.parse(run.stdout) as { subjects: Subject[] }).subjects.map(subjectKey);
      const d = difference(new Set(answer), listPodsTruth.get(namespace)!);
      const differs = d.missing.length + d.extra.length > 0;
      count(result, 'RBAC Explorer who-can, CLI', differs);
      if (differs)
        disagreements.push({
          size,
          tool: 'RBAC Explorer who-can, CLI',
          question: `who can list pods in ${namespace}`,
          detail: `misses ${d.missing.join(', ') || 'nobody'}; wrongly lists ${d.extra.join(', ') || 'nobody'}`,
        });
    }
    result.whoCan.coldMs = median(coldWhoCan);
    log(`${size}: who-can done`);

    // Can ServiceAccount X do it in Y: ours and kubectl against SubjectAccessReview.
    const checks = Array.from({ length: PLAN.checks }, () => {
      const home = namespaces[Math.floor(random() * namespaces.length)]!;
      const namespace =
        random() < 0.7 ? home : namespaces[Math.floor(random() * namespaces.length)]!;
      const sa = { namespace: home, name: `sa-${Math.floor(random() * 6)}` };
      const t = CHECK_TYPES[Math.floor(random() * CHECK_TYPES.length)]!;
      return { sa, q: { ...t, namespace } };
    });
    const checkUrls: string[] = [];
    const sarMs: number[] = [];
    const kubectlMs: number[] = [];
    for (const { sa, q } of checks) {
      const label = `can ${sa.namespace}/${sa.name} ${q.verb} ${q.type}${q.subresource ? `/${q.subresource}` : ''} in ${q.namespace}`;
      const url = `/api/check?as=system:serviceaccount:${sa.namespace}:${sa.name}&${queryOf(q)}`;
      checkUrls.push(url);
      const ours = (await getJson<{ allowed: boolean }>(app, url)).body.allowed;
      const started = performance.now();
      const sar = await subjectAccessReview(
        admin,
        serviceAccountIdentity(sa.namespace, sa.name),
        attributesOf(q),
      );
      sarMs.push(performance.now() - started);
      const kubectl = await kubectlCanI(peers.kubectl, cluster.kubeconfig, sa, q);
      kubectlMs.push(kubectl.ms);
      compareVerdict(result, 'RBAC Explorer check', label, ours, sar.allowed);
      compareVerdict(result, 'kubectl auth can-i', label, kubectl.allowed, sar.allowed);
    }
    result.check.warmMs = await httpP50(app, checkUrls, PLAN.http);
    result.check.sarMs = median(sarMs);
    result.check.kubectlMs = median(kubectlMs);
    const coldCheck: number[] = [];
    for (const { sa, q } of checks.slice(0, PLAN.cold)) {
      const args = ['can-i', q.verb, q.type, '-n', q.namespace, '-q'];
      args.push('--as', `system:serviceaccount:${sa.namespace}:${sa.name}`);
      if (q.subresource) args.push('--subresource', q.subresource);
      coldCheck.push((await cliRun(args, cluster.kubeconfig)).ms);
    }
    result.check.coldMs = median(coldCheck);
    log(`${size}: checks done`);

    // One ServiceAccount's permissions: rakkess's matrix, cell by cell, against ours and SAR.
    const rakkessMs: number[] = [];
    const matrixUrls: string[] = [];
    const coldMatrix: number[] = [];
    for (const namespace of namespaces.slice(0, PLAN.serviceAccounts)) {
      const sa = { namespace, name: `sa-${Math.floor(random() * 6)}` };
      const key = `ServiceAccount:${sa.namespace}:${sa.name}`;
      matrixUrls.push(`/api/subjects/${encodeURIComponent(key)}`);
      const peer = await rakkess(peers.rakkess, cluster.kubeconfig, sa, namespace, MATRIX_VERBS);
      if (peer.cells.length === 0) throw new Error(`rakkess printed no cells for ${key}`);
      rakkessMs.push(peer.ms);
      result.matrix.resources = new Set(peer.cells.map((c) => c.type)).size;
      for (const cell of peer.cells) {
        const q = { verb: cell.verb, type: cell.type, namespace };
        const label = `can ${namespace}/${sa.name} ${cell.verb} ${cell.type} in ${namespace}`;
        const url = `/api/check?as=system:serviceaccount:${sa.namespace}:${sa.name}&${queryOf(q)}`;
        const ours = (await getJson<{ allowed: boolean }>(app, url)).body.allowed;
        const sar = await subjectAccessReview(
          admin,
          serviceAccountIdentity(sa.namespace, sa.name),
          attributesOf(q),
        );
        compareVerdict(result, 'RBAC Explorer matrix', label, ours, sar.allowed);
        compareVerdict(result, 'rakkess', label, cell.allowed, sar.allowed);
      }
      const args = ['permissions', '--serviceaccount', `${sa.namespace}:${sa.name}`];
      coldMatrix.push(
        (await cliRun([...args, '-n', namespace, '-o', 'json'], cluster.kubeconfig)).ms,
      );
    }
    result.matrix.rakkessMs = median(rakkessMs);
    result.matrix.coldMs = median(coldMatrix);
    result.matrix.warmMs = await httpP50(app, matrixUrls, Math.max(10, PLAN.http / 10));
    result.rssMb = rssMb(app.pid);
    log(`${size}: matrix done`);
    return result;
  } finally {
    await app?.stop();
    await cluster.stop();
  }
}

function log(line: string) {
  console.error(`bench: ${line}`);
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const ratio = (slow: number, fast: number) =>
  `${(slow / fast).toFixed(slow / fast >= 10 ? 0 : 1)}×`;

function table(header: string[], rows: string[][]) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log('');
}

function report(results: SizeResult[]) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `RBAC Explorer against the API server and peer tools — ${cpu}, ${os.cpus().length} cores, ` +
      `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}\n`,
  );
  console.log('Loading (snapshot load = paged lists of every kind, then the index; median):\n');
  table(
    ['size', 'objects', 'created in API server s', 'snapshot load s', 'dashboard RSS MB'],
    results.map((r) => [
      r.size,
      r.objects.toLocaleString('en'),
      r.createSeconds.toFixed(1),
      median(r.loadSeconds).toFixed(2),
      r.rssMb.toFixed(0),
    ]),
  );
  console.log('Who can list pods in namespace X (ms; warm = HTTP p50, cold = process median):\n');
  table(
    [
      'size',
      'ours warm',
      'ours cold (CLI)',
      'kubectl-who-can',
      'kubectl-who-can ÷ warm',
      'kubectl-who-can ÷ cold',
    ],
    results.map((r) => [
      r.size,
      ms(r.whoCan.warmMs),
      ms(r.whoCan.coldMs),
      ms(r.whoCan.peerMs),
      ratio(r.whoCan.peerMs, r.whoCan.warmMs),
      ratio(r.whoCan.peerMs, r.whoCan.coldMs),
    ]),
  );
  console.log('Can ServiceAccount X list pods in Y (ms):\n');
  table(
    [
      'size',
      'ours warm',
      'ours cold (CLI)',
      'SubjectAccessReview',
      'kubectl auth can-i',
      'SAR ÷ warm',
      'kubectl ÷ warm',
      'kubectl ÷ cold',
    ],
    results.map((r) => [
      r.size,
      ms(r.check.warmMs),
      ms(r.check.coldMs),
      ms(r.check.sarMs),
      ms(r.check.kubectlMs),
      ratio(r.check.sarMs, r.check.warmMs),
      ratio(r.check.kubectlMs, r.check.warmMs),
      ratio(r.check.kubectlMs, r.check.coldMs),
    ]),
  );
  console.log("One ServiceAccount's permissions (ms):\n");
  table(
    [
      'size',
      'ours warm (matrix)',
      'ours cold (CLI)',
      'rakkess',
      'resource types',
      'rakkess ÷ warm',
      'rakkess ÷ cold',
    ],
    results.map((r) => [
      r.size,
      ms(r.matrix.warmMs),
      ms(r.matrix.coldMs),
      ms(r.matrix.rakkessMs),
      String(r.matrix.resources),
      ratio(r.matrix.rakkessMs, r.matrix.warmMs),
      ratio(r.matrix.rakkessMs, r.matrix.coldMs),
    ]),
  );
  console.log('Answers against SubjectAccessReview (questions that differ / questions asked):\n');
  const tools = [...new Set(results.flatMap((r) => Object.keys(r.compared)))];
  table(
    ['tool', ...results.map((r) => r.size)],
    tools.map((t) => [
      t,
      ...results.map((r) => {
        const c = r.compared[t];
        return c ? `${c.differ} / ${c.questions}` : '—';
      }),
    ]),
  );
  if (disagreements.length > 0) {
    console.log('Disagreements with SubjectAccessReview:\n');
    for (const d of disagreements) console.log(`- ${d.size} ${d.tool}: ${d.question}: ${d.detail}`);
  }
}

const peers = buildPeers();
const results: SizeResult[] = [];
for (const size of sizes) results.push(await runSize(size, peers));
report(results);
const ours = disagreements.filter((d) => d.tool.startsWith('RBAC Explorer'));
if (ours.length > 0) {
  console.error(`bench: ${ours.length} of our answers differ from SubjectAccessReview`);
  process.exit(1);
}
