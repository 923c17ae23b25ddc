import { NextResponse } from 'next/server';
import { previewWizard } from '@/lib/manifests/preview-wizard';
import { getState } from '@/lib/server/snapshot-store';
import { errorResponse, readSpec } from '../wizard-request';

/**
 * POST /api/wizard/preview {"spec": DRAFT} → {objects, yaml, fileName, commands, effect, risks,
 * warnings}: what the draft would write and grant over the current data. Applies nothing.
 */
export async function POST(request: Request) {
  const read = await readSpec(request);
  if ('response' in read) return read.response;
  try {
    const { snapshot, authorizer } = await getState();
    return NextResponse.json(previewWizard(snapshot, read.spec, authorizer));
  } catch (err) {
    return errorResponse(err);
  }
}
