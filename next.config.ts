import type { NextConfig } from 'next';
import { API_CACHE_CONTROL, securityHeaders } from './lib/server/security-headers';

const config: NextConfig = {
  // client-node is ESM-only and server-side; keep it out of the bundler.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  // The container image runs Next's self-contained server (see Dockerfile).
  ...(process.env.NEXT_OUTPUT === 'standalone' ? { output: 'standalone' as const } : {}),
  reactStrictMode: true,
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders(process.env.NODE_ENV === 'production') },
      { source: '/api/:path*', headers: [{ key: 'Cache-Control', value: API_CACHE_CONTROL }] },
    ];
  },
};

export default config;
