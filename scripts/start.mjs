#!/usr/bin/env node
// Serves the dashboard: builds first when there is no build or the sources changed since,
// then runs `next start` on HOST (127.0.0.1 unless told otherwise) and PORT (3000).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const SOURCES = [
  'app',
  'components',
  'lib',
  'package.json',
  'scripts/build.mjs',
  'scripts/eager-modules.mjs',
  'next.config.ts',
  'postcss.config.mjs',
];

/** Newest modification time among the files the build is made from. */
function newestSource(p) {
  const s = statSync(p, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestSource(path.join(p, entry)));
  return newest;
}

const buildId = path.join(root, '.next', 'BUILD_ID');
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map((s) => newestSource(path.join(root, s))));
if (builtAt === 0 || sourcesAt > builtAt) {
  console.log(builtAt === 0 ? 'No build yet: building…' : 'Sources changed: rebuilding…');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const host = process.env.HOST || '127.0.0.1';
const port = process.env.PORT || '3000';
const server = spawn(process.execPath, [next, 'start', '--hostname', host, '--port', port], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
