#!/usr/bin/env node
// The rbac-explorer CLI. It shares the dashboard's TypeScript modules, run through tsx, and
// its server-only modules, which load under the react-server export condition.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const result = spawnSync(
  process.execPath,
  [
    '--conditions=react-server',
    '--import',
    import.meta.resolve('tsx'),
    path.join(root, 'bin', 'cli.ts'),
    ...process.argv.slice(2),
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
