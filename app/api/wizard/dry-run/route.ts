import { NextResponse } from 'next/server';
import { dryRunObjects } from '@/lib/kube/dry-run';
import { buildObjects } from '@/lib/manifests/build-objects';
import { getState } from '@/lib/server/snapshot-store';
import { errorResponse, readSpec } from '../wizard-request';

/**
 * POST /api/wizard/dry-run {"spec": DRAFT} → {results: [{kind, name, namespace?, ok, exists?,
 * unchecked?, message, status}]}: the connected API server's verdict on each object, from a
 * server-side dry run (`dryRun=All`); `unchecked` when the dashboard's own credentials may not
 * create the object. Nothing is ever created. 409 when no cluster is connected, 504 once when
 * the API server cannot be reached or does not answer.
 */
export async function POST(request: Request) {
  const read = await readSpec(request);
  if ('response' in read) return read.response;
  try {
    const { cluster, snapshot } = await getState();
    if (!cluster) {
      return NextResponse.json(
        {
          error: `not connected to a cluster: the data comes from ${snapshot.source.kind} ${snapshot.source.name}, and a dry run needs an API server`,
        },
        { status: 409 },
      );
    }
    return NextResponse.json({
      results: await dryRunObjects(cluster.client, buildObjects(read.spec)),
    });
  } catch (err) {
    return errorResponse(err);
  }
}
