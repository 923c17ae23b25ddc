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
import { report, type Disagreement, type SizeResult } from './compare-report';
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

/** Our CLI, cold: a new process that reads the cluster, answers, and exits. */
async function cliRun(args: string[], b: Bench) {
  const run = await runTimed(process.execPath, [cli, ...args, '--kubeconfig', b.kubeconfig]);
  if (run.code !== 0 && run.code !== 1)
    throw new Error(`rbac-explorer ${args.join(' ')}: exit ${run.code}: ${run.stderr}`);
  return run;
}

/** One size's run: the cluster, the dashboard, the peers, and what is measured. */
interface Bench {
  result: SizeResult;
  admin: KubeClient;
  kubeconfig: string;
  app: AppServer;
  peers: PeerBinaries;
  /** The cluster as read from the API server (bootstrap policy included). */
  snapshot: RbacSnapshot;
  namespaces: string[];
  random: () => number;
}

const disagreements: Disagreement[] = [];

function count(r: SizeResult, tool: string, differs: boolean) {
  const c = (r.compared[tool] ??= { questions: 0, differ: 0 });
  c.questions++;
  if (differs) c.differ++;
}

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

/** Counts a who-can answer set against the subjects SubjectAccessReview allows. */
function compareSubjects(
  result: SizeResult,
  tool: string,
  question: string,
  answer: Set<string>,
  truth: Set<string>,
) {
  const d = difference(answer, truth);
  const differs = d.missing.length + d.extra.length > 0;
  count(result, tool, differs);
  if (differs)
    disagreements.push({
      size: result.size,
      tool,
      question,
      detail: [
        d.missing.length ? `misses ${d.missing.join(', ')}` : '',
        d.extra.length ? `wrongly lists ${d.extra.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
}

function sample<T>(random: () => number, xs: readonly T[], n: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length > 0)
    out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

const describe = (q: ResourceQuestion) =>
  `${q.verb} ${q.type}${q.subresource ? `/${q.subresource}` : ''} in ${q.namespace}`;

/** Who can: ours (HTTP, and the CLI cold) and kubectl-who-can against SubjectAccessReview. */
async function whoCanPhase(b: Bench) {
  const { result, app } = b;
  const listPods: string[] = [];
  const listPodsTruth = new Map<string, Set<string>>();
  const peerMs: number[] = [];
  for (const namespace of b.namespaces) {
    for (const t of WHO_CAN_TYPES) {
      const q = { ...t, namespace };
      const label = `who can ${describe(q)}`;
      const isListPods = q.verb === 'list' && q.type === 'pods';
      const url = `/api/who-can?${queryOf(q)}`;
      if (isListPods) listPods.push(url);
      const body = (await getJson<{ subjects: { key: string }[] }>(app, url)).body;
      const ours = new Set(body.subjects.map((s) => s.key));
      const peer = await kubectlWhoCan(b.peers['kubectl-who-can'], b.kubeconfig, q);
      if (isListPods) peerMs.push(peer.ms);
      if (peer.subjects.size === 0) throw new Error(`kubectl-who-can found nobody for ${label}`);
      const candidates = [...candidateSubjects(b.snapshot, namespace), ...ours, ...peer.subjects];
      const truth = await allowedByApiServer(b.admin, new Set(candidates), attributesOf(q));
      if (isListPods) listPodsTruth.set(namespace, truth);
      compareSubjects(result, 'RBAC Explorer who-can', label, ours, truth);
      compareSubjects(result, 'kubectl-who-can', label, peer.subjects, truth);
    }
  }
  result.whoCan.peerMs = median(peerMs);
  result.whoCan.warmMs = await httpP50(app, listPods, PLAN.http);
  const cold: number[] = [];
  for (const namespace of b.namespaces.slice(0, PLAN.cold)) {
    const run = await cliRun(['who-can', 'list', 'pods', '-n', namespace, '-o', 'json'], b);
    cold.push(run.ms);
    const answer = (JSON.parse(run.stdout) as { subjects: Subject[] }).subjects.map(subjectKey);
    const label = `who can list pods in ${namespace}`;
    compareSubjects(
      result,
      'RBAC Explorer who-can, CLI',
      label,
      new Set(answer),
      listPodsTruth.get(namespace)!,
    );
  }
  result.whoCan.coldMs = median(cold);
}

/** Can ServiceAccount X do it in Y: ours and kubectl against SubjectAccessReview. */
async function checkPhase(b: Bench) {
  const { result, app, namespaces, random } = b;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const checks = Array.from({ length: PLAN.checks }, () => {
    const home = pick(namespaces);
    const namespace = random() < 0.7 ? home : pick(namespaces);
    const sa = { namespace: home, name: `sa-${Math.floor(random() * 6)}` };
    return { sa, q: { ...pick(CHECK_TYPES), namespace } };
  });
  const urls: string[] = [];
  const sarMs: number[] = [];
  const kubectlMs: number[] = [];
  for (const { sa, q } of checks) {
    const label = `can ${sa.namespace}/${sa.name} ${describe(q)}`;
    const url = `/api/check?as=system:serviceaccount:${sa.namespace}:${sa.name}&${queryOf(q)}`;
    urls.push(url);
    const ours = (await getJson<{ allowed: boolean }>(app, url)).body.allowed;
    const started = performance.now();
    const identity = serviceAccountIdentity(sa.namespace, sa.name);
    const sar = await subjectAccessReview(b.admin, identity, attributesOf(q));
    sarMs.push(performance.now() - started);
    const kubectl = await kubectlCanI(b.peers.kubectl, b.kubeconfig, sa, q);
    kubectlMs.push(kubectl.ms);
    compareVerdict(result, 'RBAC Explorer check', label, ours, sar.allowed);
    compareVerdict(result, 'kubectl auth can-i', label, kubectl.allowed, sar.allowed);
  }
  result.check.warmMs = await httpP50(app, urls, PLAN.http);
  const oursOnly = urls.map((u) => `${u}&apiServer=skip`);
  result.check.oursOnlyMs = await httpP50(app, oursOnly, PLAN.http);
  result.check.sarMs = median(sarMs);
  result.check.kubectlMs = median(kubectlMs);
  const cold: number[] = [];
  for (const { sa, q } of checks.slice(0, PLAN.cold)) {
    const args = ['can-i', q.verb, q.type, '-n', q.namespace, '-q'];
    args.push('--as', `system:serviceaccount:${sa.namespace}:${sa.name}`);
    if (q.subresource) args.push('--subresource', q.subresource);
    cold.push((await cliRun(args, b)).ms);
  }
  result.check.coldMs = median(cold);
}

/** One ServiceAccount's permissions: rakkess's matrix, cell by cell, against ours and SAR. */
async function matrixPhase(b: Bench) {
  const { result, app } = b;
  const rakkessMs: number[] = [];
  const urls: string[] = [];
  const cold: number[] = [];
  for (const namespace of b.namespaces.slice(0, PLAN.serviceAccounts)) {
    const sa = { namespace, name: `sa-${Math.floor(b.random() * 6)}` };
    const key = `ServiceAccount:${sa.namespace}:${sa.name}`;
    urls.push(`/api/subjects/${encodeURIComponent(key)}`);
    const peer = await rakkess(b.peers.rakkess, b.kubeconfig, sa, namespace, MATRIX_VERBS);
    if (peer.cells.length === 0) throw new Error(`rakkess printed no cells for ${key}`);
    rakkessMs.push(peer.ms);
    result.matrix.resources = new Set(peer.cells.map((c) => c.type)).size;
    for (const cell of peer.cells) {
      const q = { verb: cell.verb, type: cell.type, namespace };
      const label = `can ${namespace}/${sa.name} ${describe(q)}`;
      const url = `/api/check?as=system:serviceaccount:${sa.namespace}:${sa.name}&${queryOf(q)}&apiServer=skip`;
      const ours = (await getJson<{ allowed: boolean }>(app, url)).body.allowed;
      const identity = serviceAccountIdentity(sa.namespace, sa.name);
      const sar = await subjectAccessReview(b.admin, identity, attributesOf(q));
      compareVerdict(result, 'RBAC Explorer matrix', label, ours, sar.allowed);
      compareVerdict(result, 'rakkess', label, cell.allowed, sar.allowed);
    }
    const args = ['permissions', '--serviceaccount', `${sa.namespace}:${sa.name}`];
    cold.push((await cliRun([...args, '-n', namespace, '-o', 'json'], b)).ms);
  }
  result.matrix.rakkessMs = median(rakkessMs);
  result.matrix.coldMs = median(cold);
  result.matrix.warmMs = await httpP50(app, urls, Math.max(10, PLAN.http / 10));
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
    const b: Bench = {
      result: {
        size,
        objects,
        createSeconds,
        loadSeconds,
        rssMb: 0,
        whoCan: { warmMs: 0, coldMs: 0, peerMs: 0 },
        check: { warmMs: 0, oursOnlyMs: 0, coldMs: 0, sarMs: 0, kubectlMs: 0 },
        matrix: { warmMs: 0, coldMs: 0, rakkessMs: 0, resources: 0 },
        compared: {},
      },
      admin,
      kubeconfig: cluster.kubeconfig,
      app,
      peers,
      snapshot,
      namespaces: sample(
        random,
        synthetic.namespaces.map((n) => n.name),
        PLAN.namespaces,
      ),
      random,
    };
    await whoCanPhase(b);
    log(`${size}: who-can done`);
    await checkPhase(b);
    log(`${size}: checks done`);
    await matrixPhase(b);
    b.result.rssMb = rssMb(app.pid);
    log(`${size}: matrix done`);
    return b.result;
  } finally {
    await app?.stop();
    await cluster.stop();
  }
}

function log(line: string) {
  console.error(`bench: ${line}`);
}

const peers = buildPeers();
const results: SizeResult[] = [];
for (const size of sizes) results.push(await runSize(size, peers));
report(results, disagreements);
const ours = disagreements.filter((d) => d.tool.startsWith('RBAC Explorer'));
if (ours.length > 0) {
  console.error(`bench: ${ours.length} of our answers differ from SubjectAccessReview`);
  process.exit(1);
}
