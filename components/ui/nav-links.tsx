'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Overview' },
  { href: '/graph', label: 'Graph' },
  { href: '/check', label: 'Check' },
  { href: '/who-can', label: 'Who can' },
  { href: '/subjects', label: 'Subjects' },
  { href: '/wizard', label: 'Wizard' },
  { href: '/findings', label: 'Findings' },
];

/**
 * The main navigation, marking the current section. A link's page is prefetched when the
 * pointer or focus comes to it, not when the link is shown: on every page load, prefetching
 * all seven sections cost the server fourteen requests while the page itself was loading.
 */
export function NavLinks() {
  const pathname = usePathname();
  const router = useRouter();
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1 text-sm">
      {LINKS.map(({ href, label }) => {
        const active = href === '/' ? pathname === '/' : pathname.startsWith(href);
        return (
          <Link
            key={href}
            href={href}
            prefetch={false}
            onMouseEnter={() => router.prefetch(href)}
            onFocus={() => router.prefetch(href)}
            aria-current={active ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-500 ${
              active
                ? 'bg-indigo-50 text-indigo-700'
                : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'
            }`}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
