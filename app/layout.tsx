import type { Metadata } from 'next';
import Link from 'next/link';
import { GeistMono, GeistSans } from './fonts';
import { ContextPicker } from '@/components/ui/context-picker';
import { LiveStatus } from '@/components/ui/live-status';
import { SourceBanner } from '@/components/ui/source-banner';
import { ClearUploadButton } from '@/components/upload/clear-upload-button';
import { NavLinks } from '@/components/ui/nav-links';
import { cookies, headers } from 'next/headers';
import { isAuthorized, TOKEN_COOKIE } from '@/lib/server/access-token';
import { getState } from '@/lib/server/snapshot-store';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'RBAC Explorer', template: '%s · RBAC Explorer' },
  description: 'Who can do what in this cluster, why, and what would this YAML change.',
};

// Every page reads the current snapshot: never prerender.
export const dynamic = 'force-dynamic';

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  if (
    !isAuthorized(
      (await headers()).get('authorization'),
      (await cookies()).get(TOKEN_COOKIE)?.value,
    )
  ) {
    // Only the login page is reachable without the token: show nothing of the data.
    return (
      <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
        <body className="min-h-screen font-sans">
          <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
        </body>
      </html>
    );
  }
  const { snapshot, banner, version, cluster, contexts } = await getState();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-8 gap-y-2 px-6 py-3">
            <Link
              href="/"
              prefetch={false}
              className="flex items-center gap-2 font-semibold tracking-tight"
            >
              <span
                aria-hidden
                className="grid h-7 w-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white"
              >
                R
              </span>
              RBAC Explorer
            </Link>
            <NavLinks />
            <div className="ml-auto flex items-center gap-3 text-sm text-slate-600">
              <span data-testid="source">
                <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium uppercase tracking-wide text-slate-500">
                  {snapshot.source.kind}
                </span>
                {cluster && contexts.length > 1 ? (
                  <span className="sr-only">{snapshot.source.name}</span>
                ) : (
                  <span className="font-medium text-slate-800">{snapshot.source.name}</span>
                )}
              </span>
              {cluster && contexts.length > 1 && (
                <ContextPicker contexts={contexts} current={cluster.context} />
              )}
              <LiveStatus
                version={version}
                fetchedAt={snapshot.source.fetchedAt}
                live={!!cluster}
              />
              {snapshot.source.kind === 'upload' ? (
                <ClearUploadButton />
              ) : (
                <Link
                  href="/upload"
                  prefetch={false}
                  className="text-xs font-medium text-indigo-700 hover:underline"
                >
                  Upload dump
                </Link>
              )}
            </div>
          </div>
        </header>
        {banner && <SourceBanner tone={banner.tone} text={banner.text} />}
        <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
      </body>
    </html>
  );
}
