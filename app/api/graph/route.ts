import { NextResponse } from 'next/server';
import { buildGraphModel } from '@/lib/graph/build-model';
import { parseGraphQuery } from '@/lib/graph/graph-query';
import { getState } from '@/lib/server/snapshot-store';

export const dynamic = 'force-dynamic';

/**
 * The graph model of the current data as JSON: `{nodes, edges, bands, meta}`, with the Graph
 * page's query (`namespace`, `kind`, `focus`, `highlight`, `system`, `all`); 400 on bad input.
 */
export async function GET(request: Request) {
  const parsed = parseGraphQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return NextResponse.json({ error: parsed.error }, { status: 400 });
  const { authorizer } = await getState();
  return NextResponse.json(buildGraphModel(authorizer, parsed.query));
}
