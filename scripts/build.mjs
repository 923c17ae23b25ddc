#!/usr/bin/env node
// The production build: `next build`, then the browser chunks' module factories wrapped so V8
// compiles them while it streams the scripts (scripts/eager-modules.mjs).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wrapBuildChunks } from './eager-modules.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const build = spawnSync(process.execPath, [next, 'build'], {
  cwd: root,
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
const { chunks, wrapped } = wrapBuildChunks(path.join(root, '.next'));
if (chunks === 0) {
  console.error('No Turbopack chunk found in .next/static/chunks: has the build output changed?');
  process.exit(1);
}
console.log(`Module factories compiled eagerly: ${wrapped} in ${chunks} chunks.`);
