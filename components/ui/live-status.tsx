'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

const POLL_MS = 2000;

function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min ago` : `${Math.round(m / 60)} h ago`;
}

/**
 * The data's age, ticking. For a live cluster it also watches the server's data version and
 * refreshes the page's server components when it changes, so pages update without a reload.
 */
export function LiveStatus({
  version,
  fetchedAt,
  live,
}: {
  version: number;
  fetchedAt: string;
  live: boolean;
}) {
  const router = useRouter();
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  useEffect(() => {
    if (!live) return;
    let stopped = false;
    const poll = setInterval(async () => {
      try {
        const res = await fetch('/api/health', { cache: 'no-store' });
        const body = (await res.json()) as { version?: number };
        if (!stopped && body.version !== undefined && body.version !== version) router.refresh();
      } catch {
        // The server is restarting or unreachable; the next poll tries again.
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(poll);
    };
  }, [live, version, router]);

  return (
    // The age depends on the clock of whoever renders it; the browser's wins.
    <span
      className="text-xs text-slate-500"
      data-testid="data-age"
      title={`Read at ${fetchedAt}`}
      suppressHydrationWarning
    >
      {live && (
        <span
          aria-hidden
          className="mr-1 inline-block h-2 w-2 rounded-full bg-emerald-500 align-middle"
        />
      )}
      {live ? 'live · ' : ''}updated {age(now - Date.parse(fetchedAt))}
    </span>
  );
}
