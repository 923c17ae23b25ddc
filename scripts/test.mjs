#!/usr/bin/env node
// Runs every check in order and stops at the first failure:
// typecheck, lint, format, unit tests, production build, browser tests, and a small run of
// the peer benchmark (so it cannot rot).
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['format', 'npx', ['prettier', '--check', '.']],
  ['unit and integration tests', 'npx', ['vitest', 'run']],
  ['production build', 'node', ['scripts/build.mjs']],
  ['browser tests', 'npx', ['playwright', 'test']],
  ['peer benchmark, smoke run', 'npm', ['run', 'bench', '--', '--smoke']],
];

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
let passed = 0;
for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✗ ${name} failed after ${secs} s`);
    console.log(`steps: ${passed} passed, 1 failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${name} (${secs} s)`);
  passed++;
}
console.log(`steps: ${passed} passed, 0 failed`);
