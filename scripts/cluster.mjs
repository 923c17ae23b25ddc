#!/usr/bin/env node
// `npm run cluster [-- --seed-demo] [-- --port N]`: builds (once, cached) and runs a real
// kube-apiserver with embedded etcd on 127.0.0.1, writing an admin kubeconfig to
// .cluster/kubeconfig. Ctrl-C stops it.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const seedDemo = args.includes('--seed-demo');
const passthrough = args.filter((a) => a !== '--seed-demo');

const build = spawnSync('bash', [path.join(root, 'test-cluster', 'build.sh')], {
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
if (build.status !== 0) process.exit(build.status ?? 1);
const bin = build.stdout.trim();

const clusterArgs = ['--kubeconfig', path.join(root, '.cluster', 'kubeconfig'), ...passthrough];
if (seedDemo) clusterArgs.push('--seed', path.join(root, 'lib', 'sources', 'demo', 'story.yaml'));
const child = spawn(bin, clusterArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (chunk.includes('READY ')) {
    process.stdout.write(
      `\nTry the dashboard against it:\n  KUBECONFIG=${path.join(root, '.cluster', 'kubeconfig')} npm start\n` +
        `or the CLI:\n  npx rbac-explorer who-can list pods -n default --kubeconfig .cluster/kubeconfig\n`,
    );
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
