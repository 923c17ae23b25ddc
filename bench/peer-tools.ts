import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The peer tools' binaries, built (once per version, cached) by bench/peers/build.sh. */
export interface PeerBinaries {
  'kubectl-who-can': string;
  rakkess: string;
  kubectl: string;
}

export function buildPeers(): PeerBinaries {
  const run = spawnSync('bash', [path.join(root, 'bench', 'peers', 'build.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) throw new Error('bench/peers/build.sh failed');
  const bins = Object.fromEntries(
    run.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
  for (const name of ['kubectl-who-can', 'rakkess', 'kubectl'])
    if (!bins[name]) throw new Error(`bench/peers/build.sh did not build ${name}`);
  return bins as unknown as PeerBinaries;
}

export interface Run {
  ms: number;
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; `ms` is the wall time from spawn to exit. */
export function runTimed(cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ ms: performance.now() - started, code: code ?? -1, stdout, stderr }),
    );
  });
}

/** A question about a namespaced resource, in kubectl's words. */
export interface ResourceQuestion {
  verb: string;
  /** `pods`, `deployments.apps`. */
  type: string;
  subresource?: string;
  namespace: string;
}

/** `ServiceAccount:ns:name`, `User:name`, `Group:name`: the keys /api/who-can answers with. */
export type SubjectKey = string;

interface WhoCanBinding {
  subjects?: { kind: string; name: string; namespace?: string }[];
}

/** kubectl-who-can's answer: the subjects of every binding it reports. */
export async function kubectlWhoCan(
  bin: string,
  kubeconfig: string,
  q: ResourceQuestion,
): Promise<{ ms: number; subjects: Set<SubjectKey> }> {
  const args = [q.verb, q.type, '-n', q.namespace, '-o', 'json', '--kubeconfig', kubeconfig];
  if (q.subresource) args.push('--subresource', q.subresource);
  const run = await runTimed(bin, args);
  if (run.code !== 0) throw new Error(`kubectl-who-can ${args.join(' ')}: ${run.stderr}`);
  const out = JSON.parse(run.stdout) as {
    roleBindings?: WhoCanBinding[];
    clusterRoleBindings?: WhoCanBinding[];
  };
  const subjects = new Set<SubjectKey>();
  for (const [bindings, ns] of [
    [out.roleBindings, q.namespace],
    [out.clusterRoleBindings, undefined],
  ] as const) {
    for (const b of bindings ?? [])
      for (const s of b.subjects ?? [])
        subjects.add(
          s.kind === 'ServiceAccount'
            ? `ServiceAccount:${s.namespace || ns || ''}:${s.name}`
            : `${s.kind}:${s.name}`,
        );
  }
  return { ms: run.ms, subjects };
}

/** `kubectl auth can-i` as a ServiceAccount (impersonated): yes or no. */
export async function kubectlCanI(
  bin: string,
  kubeconfig: string,
  serviceAccount: { namespace: string; name: string },
  q: ResourceQuestion,
): Promise<{ ms: number; allowed: boolean }> {
  // TYPE/NAME would name an object: a subresource has its own flag.
  const args = ['auth', 'can-i', q.verb, q.type, '-n', q.namespace, '--kubeconfig', kubeconfig];
  args.push('--as', `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}`);
  if (q.subresource) args.push('--subresource', q.subresource);
  const run = await runTimed(bin, args);
  const answer = run.stdout.trim();
  if (answer !== 'yes' && answer !== 'no')
    throw new Error(`kubectl ${args.join(' ')}: exit ${run.code}: ${run.stdout}${run.stderr}`);
  return { ms: run.ms, allowed: answer === 'yes' };
}

/** One cell of rakkess's matrix: a resource type (`deployments.apps`), a verb, its answer. */
export interface RakkessCell {
  type: string;
  verb: string;
  allowed: boolean;
}

/**
 * rakkess's access matrix for a ServiceAccount in a namespace, from its ascii table: a header
 * `NAME VERB…` and one row per resource type with `yes`, `no`, or `n/a` or nothing where the
 * verb does not apply.
 */
export async function rakkess(
  bin: string,
  kubeconfig: string,
  serviceAccount: { namespace: string; name: string },
  namespace: string,
  verbs: readonly string[],
): Promise<{ ms: number; cells: RakkessCell[] }> {
  const args = ['--sa', `${serviceAccount.namespace}:${serviceAccount.name}`, '-n', namespace];
  args.push('--verbs', verbs.join(','), '-o', 'ascii-table', '--kubeconfig', kubeconfig);
  const run = await runTimed(bin, args);
  if (run.code !== 0) throw new Error(`rakkess ${args.join(' ')}: ${run.stderr}`);
  return { ms: run.ms, cells: parseRakkessTable(run.stdout, verbs) };
}

export function parseRakkessTable(table: string, verbs: readonly string[]): RakkessCell[] {
  const lines = table.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0] ?? '';
  if (!header.startsWith('NAME')) throw new Error(`rakkess printed no table:\n${table}`);
  const columns = verbs.map((v) => {
    const at = header.indexOf(` ${v.toUpperCase()}`);
    if (at < 0) throw new Error(`rakkess's table has no ${v} column:\n${header}`);
    return { verb: v, at: at + 1 };
  });
  const cells: RakkessCell[] = [];
  for (const line of lines.slice(1)) {
    const type = line.slice(0, columns[0]!.at).trim();
    for (const { verb, at } of columns) {
      const cell = line.slice(at).split(/\s+/)[0] ?? '';
      if (cell === 'yes' || cell === 'no') cells.push({ type, verb, allowed: cell === 'yes' });
      else if (cell !== '' && cell !== 'n/a')
        throw new Error(`rakkess cell "${cell}" for ${verb} ${type} is not understood`);
    }
  }
  return cells;
}
