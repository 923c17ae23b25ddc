import { NextResponse } from 'next/server';
import { getState } from '@/lib/server/snapshot-store';

/** Liveness and the source's state: which data is loaded, its version, and whether it read cleanly. */
export async function GET() {
  const { snapshot, version, errors, banner } = await getState();
  return NextResponse.json({
    ok: true,
    source: snapshot.source,
    version,
    errors: errors.length,
    banner: banner?.text ?? null,
  });
}
