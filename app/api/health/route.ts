import { cookies, headers } from 'next/headers';
import { NextResponse } from 'next/server';
import { isAuthorized, TOKEN_COOKIE } from '@/lib/server/access-token';
import { getState } from '@/lib/server/snapshot-store';

/**
 * Liveness and the source's state for probes and the live header: which data is loaded, its
 * version, and whether it read cleanly. Open to probes; without the access token (when one is
 * configured) it says only whether the server is up and has data.
 */
export async function GET() {
  const { snapshot, version, errors, banner, cluster } = await getState();
  const open = isAuthorized(
    (await headers()).get('authorization'),
    (await cookies()).get(TOKEN_COOKIE)?.value,
  );
  const degraded = snapshot.warnings.some((w) => w.startsWith('cannot') || w.startsWith('lost'));
  const status = {
    ok: true,
    state: errors.length > 0 ? 'errors' : degraded ? 'partial' : 'ready',
    version,
  };
  if (!open) return NextResponse.json(status);
  return NextResponse.json({
    ...status,
    source: snapshot.source,
    live: !!cluster,
    errors: errors.length,
    banner: banner?.text ?? null,
  });
}
