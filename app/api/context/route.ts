import { NextResponse } from 'next/server';
import { z } from 'zod';
import { jsonOf, readBodyText } from '@/lib/server/read-body';
import { ContextSwitchError, getState, switchContext } from '@/lib/server/snapshot-store';

const Body = z.object({ context: z.string().min(1).max(253) });

/**
 * Switches the dashboard to another context of its kubeconfig. A context whose cluster cannot be
 * reached or refuses to list RBAC is a 502 saying why; the data and context shown stay.
 */
export async function POST(request: Request) {
  const text = await readBodyText(request, 4096);
  if (text === undefined) {
    return NextResponse.json({ error: 'the body is too large' }, { status: 413 });
  }
  const parsed = Body.safeParse(jsonOf(text));
  if (!parsed.success) {
    return NextResponse.json({ error: 'send {"context": "NAME"}' }, { status: 400 });
  }
  const { contexts } = await getState();
  if (!contexts.includes(parsed.data.context)) {
    return NextResponse.json(
      { error: `no context ${parsed.data.context} in the kubeconfig` },
      { status: 400 },
    );
  }
  let state;
  try {
    state = await switchContext(parsed.data.context);
  } catch (err) {
    if (!(err instanceof ContextSwitchError)) throw err;
    return NextResponse.json({ error: err.message }, { status: 502 });
  }
  return NextResponse.json({
    context: state.snapshot.source.name,
    banner: state.banner?.text ?? null,
  });
}
