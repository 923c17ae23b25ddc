import localFont from 'next/font/local';

export { GeistSans } from 'geist/font/sans';

/**
 * Geist Mono, as `geist/font/mono` defines it but not preloaded: pages that show commands,
 * YAML or names in inputs use it and the browser fetches it for them; the others, the graph
 * among them, need not fetch and decode a second font while they load.
 */
export const GeistMono = localFont({
  src: '../node_modules/geist/dist/fonts/geist-mono/GeistMono-Variable.woff2',
  variable: '--font-geist-mono',
  preload: false,
  adjustFontFallback: false,
  fallback: [
    'ui-monospace',
    'SFMono-Regular',
    'Roboto Mono',
    'Menlo',
    'Monaco',
    'Liberation Mono',
    'DejaVu Sans Mono',
    'Courier New',
    'monospace',
  ],
  weight: '100 900',
});
