#!/usr/bin/env node
// The rbac-explorer CLI. It shares the dashboard's TypeScript modules. They are bundled once
// (and again when a source changes) into node_modules/.cache/rbac-explorer/cli.mjs, which
// starts in a fraction of the time it takes to load them one by one; the bundle resolves
// server-only modules under the react-server export condition. Should bundling fail, the
// sources run through tsx instead.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bundle = path.join(root, 'node_modules', '.cache', 'rbac-explorer', 'cli.mjs');

/** The newest modification time of the CLI's sources and dependencies. */
function newestSource() {
  let newest = statSync(path.join(root, 'package-lock.json'), { throwIfNoEntry: false })?.mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mjs|json|yaml)$/.test(entry.name))
        newest = Math.max(newest ?? 0, statSync(full).mtimeMs);
    }
  };
  walk(path.join(root, 'bin'));
  walk(path.join(root, 'lib'));
  return newest ?? 0;
}

async function ensureBundle() {
  const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built > newestSource()) return true;
  try {
    const { build } = await import('esbuild');
    mkdirSync(path.dirname(bundle), { recursive: true });
    // Another run may bundle at the same time: write aside, then rename into place.
    const tmp = `${bundle}.${process.pid}.tmp`;
    await build({
      entryPoints: [path.join(root, 'bin', 'cli.ts')],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['react-server'],
      tsconfig: path.join(root, 'tsconfig.json'),
      // Bundled CommonJS dependencies call require().
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
      logLevel: 'error',
    });
    renameSync(tmp, bundle);
    return true;
  } catch (err) {
    process.stderr.write(`rbac-explorer: running from sources (bundling failed: ${err.message})\n`);
    return false;
  }
}

const args = process.argv.slice(2);
if (await ensureBundle()) {
  process.env.RBAC_EXPLORER_ROOT = root;
  const { main } = await import(pathToFileURL(bundle).href);
  const io = {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  };
  try {
    process.exitCode = await main(args, io);
  } catch (err) {
    process.stderr.write(`rbac-explorer: unexpected error: ${err?.stack ?? String(err)}\n`);
    process.exitCode = 3;
  }
} else {
  const result = spawnSync(
    process.execPath,
    [
      '--conditions=react-server',
      '--import',
      import.meta.resolve('tsx'),
      path.join(root, 'bin', 'cli.ts'),
      ...args,
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        RBAC_EXPLORER_ROOT: root,
        TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
      },
    },
  );
  process.exit(result.status ?? 1);
}
