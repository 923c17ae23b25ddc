import os from 'node:os';
import { median } from './stats';
import type { Size } from './synthetic-cluster';

export interface Disagreement {
  size: Size;
  tool: string;
  question: string;
  detail: string;
}

/** What one size measured; `compared` counts each tool's answers checked against SAR. */
export interface SizeResult {
  size: Size;
  objects: number;
  createSeconds: number;
  loadSeconds: number[];
  rssMb: number;
  whoCan: { warmMs: number; coldMs: number; peerMs: number };
  check: {
    /** /api/check as the Check page asks it: with the API server's verdict beside ours. */
    warmMs: number;
    /** /api/check?apiServer=skip: our answer only. */
    oursOnlyMs: number;
    coldMs: number;
    sarMs: number;
    kubectlMs: number;
  };
  matrix: { warmMs: number; coldMs: number; rakkessMs: number; resources: number };
  compared: Record<string, { questions: number; differ: number }>;
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

/** The benchmark's figures as Markdown tables, ready for bench/RESULTS.md. */
export function report(results: SizeResult[], disagreements: Disagreement[]) {
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
  console.log(
    "Can ServiceAccount X list pods in Y (ms; warm with the API server's verdict beside ours, and with apiServer=skip):\n",
  );
  table(
    [
      'size',
      'ours warm',
      'ours warm, skip',
      'ours cold (CLI)',
      'SubjectAccessReview',
      'kubectl auth can-i',
      'SAR ÷ warm, skip',
      'kubectl ÷ warm, skip',
      'kubectl ÷ cold',
    ],
    results.map((r) => [
      r.size,
      ms(r.check.warmMs),
      ms(r.check.oursOnlyMs),
      ms(r.check.coldMs),
      ms(r.check.sarMs),
      ms(r.check.kubectlMs),
      ratio(r.check.sarMs, r.check.oursOnlyMs),
      ratio(r.check.kubectlMs, r.check.oursOnlyMs),
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
