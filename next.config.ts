import type { NextConfig } from 'next';

const config: NextConfig = {
  // client-node is ESM-only and server-side; keep it out of the bundler.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
