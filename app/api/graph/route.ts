import { NextResponse } from 'next/server';
import { buildGraphModel } from '@/lib/graph/build-model';
import { parseGraphQuery } from '@/lib/graph/graph-query';
import type { GraphModel } from '@/lib/graph/model';
import { problemOf } from '@/lib/server/api-error';
import { asciiJson } from '@/lib/server/ascii-json';
import { getState } from '@/lib/server/snapshot-store';

export const dynamic = 'force-dynamic';

/**
 * Each model's JSON, written once (in ASCII: see `asciiJson`): models are cached and read-only,
 * and the Graph page asks for its model with every load (2,000 elements are half a megabyte,
 * ≈6 ms to serialize).
 */
const written = new WeakMap<GraphModel, string>();

function modelJson(model: GraphModel): string {
  let json = written.get(model);
  if (json === undefined) {
    json = asciiJson(model);
    written.set(model, json);
  }
  return json;
}

/**
 * The graph model of the current data as JSON: `{nodes, edges, bands, meta}`, with the Graph
 * page's query (`namespace`, `kind`, `focus`, `highlight`, `system`, `all`); 400 on bad input,
 * 500 with `{error}` when the model cannot be built.
 */
export async function GET(request: Request) {
  const parsed = parseGraphQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return NextResponse.json({ error: parsed.error }, { status: 400 });
  try {
    const { authorizer } = await getState();
    return new Response(modelJson(buildGraphModel(authorizer, parsed.query)), {
      headers: { 'content-type': 'application/json' },
    });
  } catch (err) {
    // As the other routes answer: a JSON error the page can show, the details in the log.
    const { status, error } = problemOf(err);
    return NextResponse.json({ error }, { status });
  }
}
