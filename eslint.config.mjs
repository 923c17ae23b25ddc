import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/** Pure modules may not reach the framework, the cluster client or server-only code. */
const pureBoundary = {
  patterns: [
    {
      group: ['next', 'next/*', 'react', 'react/*', 'react-dom', 'react-dom/*'],
      message: 'lib/{rbac,graph,manifests,findings} are pure: no framework imports.',
    },
    {
      group: ['@kubernetes/*', 'server-only', 'node:*', 'fs', 'path', 'child_process'],
      message: 'lib/{rbac,graph,manifests,findings} are pure: no cluster client, no I/O.',
    },
    {
      group: [
        '**/sources/*',
        '**/kube/*',
        '**/server/*',
        '@/lib/sources/*',
        '@/lib/kube/*',
        '@/lib/server/*',
      ],
      message: 'Pure modules may not import server-only modules.',
    },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'test-cluster/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  {
    files: ['lib/rbac/**', 'lib/graph/**', 'lib/manifests/**', 'lib/findings/**'],
    rules: { 'no-restricted-imports': ['error', pureBoundary] },
  },
  {
    // Client components must never pull in server code.
    files: ['components/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/sources/*', '@/lib/kube/*', '@/lib/server/*', '@kubernetes/*'],
              message: 'Components run in the browser: pass data in as props instead.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
];

export default config;
