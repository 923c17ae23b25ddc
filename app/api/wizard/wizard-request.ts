import { NextResponse } from 'next/server';
import { z } from 'zod';
import { KubeError } from '@/lib/kube/kube-client';
import { parseSpec, type WizardSpec } from '@/lib/manifests/wizard-spec';
import { jsonOf, readBodyText } from '@/lib/server/read-body';

/** The body of every wizard route: `{"spec": WizardSpec}`. */
const WizardRequest = z.object({ spec: z.unknown() });

/** A spec is a few kilobytes; anything far bigger is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads and validates the draft of a wizard request, or the 400/413 answer that says what is
 * wrong with it (every validation issue, with the path of its field).
 */
export async function readSpec(
  request: Request,
): Promise<{ spec: WizardSpec } | { response: NextResponse }> {
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (text === undefined) {
    return {
      response: NextResponse.json(
        { error: 'the request is too large for a wizard draft' },
        { status: 413 },
      ),
    };
  }
  const body = WizardRequest.safeParse(jsonOf(text));
  if (!body.success || body.data.spec === undefined) {
    return {
      response: NextResponse.json(
        { error: 'send {"spec": DRAFT} as JSON, with the wizard draft as DRAFT' },
        { status: 400 },
      ),
    };
  }
  const parsed = parseSpec(body.data.spec);
  if (!parsed.ok) {
    return {
      response: NextResponse.json(
        {
          error: `the draft is not valid: ${parsed.issues[0]?.message ?? 'unknown problem'}`,
          issues: parsed.issues,
        },
        { status: 400 },
      ),
    };
  }
  return { spec: parsed.spec };
}

/** The one place wizard routes turn a failure into a status and a message a user can act on. */
export function errorResponse(err: unknown): NextResponse {
  if (err instanceof KubeError) {
    const status = err.reason === 'Unreachable' || err.reason === 'Timeout' ? 504 : 502;
    return NextResponse.json({ error: `the API server: ${err.message}` }, { status });
  }
  console.error('wizard route failed', err);
  return NextResponse.json(
    { error: 'the server hit an unexpected error; its log has the details' },
    { status: 500 },
  );
}
