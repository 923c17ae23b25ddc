// Engine benchmark: index build time, memory, and canI / whoCan / rulesFor latency on the
// synthetic S, M and L clusters. Each size runs in its own process so memory figures are its own.
//   npm run bench:engine            (all sizes)
//   npm run bench:engine -- L       (one size)
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Authorizer } from '../lib/rbac/authorizer';
import { serviceAccountIdentity, type Identity } from '../lib/rbac/identity';
import { COMMON_RESOURCES } from '../lib/rbac/resource-catalog';
import type { RequestAttributes } from '../lib/rbac/rule-matching';
import { totalObjects } from '../lib/rbac/subjects';
import { generateCluster, rng, SIZES, type Size } from './synthetic-cluster';
import { percentile } from './stats';

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

function timeEach(n: number, fn: (i: number) => void): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    fn(i);
    out[i] = Number(process.hrtime.bigint() - t) / 1000; // µs
  }
  return out.sort((a, b) => a - b);
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

function runSize(size: Size) {
  const snapshot = generateCluster(size);
  const objects = totalObjects(snapshot);
  gc();
  const before = process.memoryUsage();
  const builds: number[] = [];
  let authz!: Authorizer;
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    authz = new Authorizer(snapshot);
    builds.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const keep = authz;
  gc();
  const after = process.memoryUsage();

  const random = rng(7);
  const int = (n: number) => Math.floor(random() * n);
  const namespaces = SIZES[size];
  const queries: { identity: Identity; attrs: RequestAttributes }[] = Array.from(
    { length: 20_000 },
    () => {
      const ns = `ns-${int(namespaces)}`;
      const res = COMMON_RESOURCES[int(COMMON_RESOURCES.length)]!;
      return {
        identity: serviceAccountIdentity(ns, `sa-${int(6)}`),
        attrs: {
          verb: VERBS[int(VERBS.length)]!,
          apiGroup: res.group,
          resource: res.resource,
          namespace: res.namespaced ? ns : '',
        },
      };
    },
  );
  // Warm up the JIT on the same code paths.
  for (let i = 0; i < 2000; i++) keep.canI(queries[i]!.identity, queries[i]!.attrs);
  let allowed = 0;
  const canI = timeEach(queries.length, (i) => {
    if (keep.canI(queries[i]!.identity, queries[i]!.attrs).allowed) allowed++;
  });
  const canIFast = timeEach(queries.length, (i) =>
    keep.canI(queries[i]!.identity, queries[i]!.attrs, { explain: false }),
  );
  const whoCan = timeEach(1000, (i) => keep.whoCan(queries[i]!.attrs));
  const rulesFor = timeEach(5000, (i) =>
    keep.rulesFor(queries[i]!.identity, (queries[i]!.attrs as { namespace: string }).namespace),
  );
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
  return {
    size,
    objects,
    buildMs: [...builds].sort((a, b) => a - b)[2]!.toFixed(1),
    heapMB: mb(after.heapUsed - before.heapUsed),
    rssMB: mb(after.rss - before.rss),
    canIP50: percentile(canI, 50).toFixed(2),
    canIP99: percentile(canI, 99).toFixed(2),
    canIFastP50: percentile(canIFast, 50).toFixed(2),
    whoCanP50: (percentile(whoCan, 50) / 1000).toFixed(3),
    whoCanP99: (percentile(whoCan, 99) / 1000).toFixed(3),
    rulesForP50: percentile(rulesFor, 50).toFixed(2),
    allowedShare: `${((100 * allowed) / queries.length).toFixed(0)}%`,
  };
}

const arg = process.argv[2];
if (arg === '--one') {
  console.log(JSON.stringify(runSize(process.argv[3] as Size)));
} else {
  const sizes = (arg ? [arg] : Object.keys(SIZES)) as Size[];
  const self = fileURLToPath(import.meta.url);
  console.log(
    `Engine benchmark — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log(
    'size  objects  build ms  heap MB  RSS MB  canI p50/p99 µs  canI(no explain) p50 µs  whoCan p50/p99 ms  rulesFor p50 µs  allowed',
  );
  for (const size of sizes) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--one', size], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(r.stderr);
    const x = JSON.parse(r.stdout.trim().split('\n').pop()!);
    console.log(
      `${x.size.padEnd(4)}  ${String(x.objects).padStart(7)}  ${x.buildMs.padStart(8)}  ${x.heapMB.padStart(7)}  ${x.rssMB.padStart(6)}  ${`${x.canIP50} / ${x.canIP99}`.padStart(15)}  ${x.canIFastP50.padStart(23)}  ${`${x.whoCanP50} / ${x.whoCanP99}`.padStart(17)}  ${x.rulesForP50.padStart(15)}  ${x.allowedShare.padStart(7)}`,
    );
  }
}
