import { NextResponse, type NextRequest } from 'next/server';
import { findingsToCsv, selectFindings } from '@/lib/findings/filter-findings';
import { parseFindingQuery } from '@/lib/findings/finding-query';
import { findingsOf } from '@/lib/server/findings-cache';
import { getState } from '@/lib/server/snapshot-store';

/**
 * GET /api/findings?severity=critical,high&namespace=NS|*&clusterwide=0&rule=RULE&all=1&format=json|csv
 * Risky grants, worst first, filtered as the Findings page filters them: `all=1` includes
 * built-in system subjects; `namespace=NS` gives that namespace's findings and the cluster-wide
 * grants, which apply there too (`clusterwide=0` leaves them out); `namespace=*` gives the
 * cluster-wide findings only. JSON also has `counts`: per severity, the findings the other
 * filters select (the page's severity tiles).
 */
export async function GET(request: NextRequest) {
  // A Map, not an object: keys such as __proto__ and constructor are data here.
  const params = new Map<string, string[]>();
  for (const [k, v] of request.nextUrl.searchParams) params.set(k, [...(params.get(k) ?? []), v]);
  const flat = Object.fromEntries([...params].map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
  const parsed = parseFindingQuery(flat);
  if (!parsed.ok) return NextResponse.json({ error: parsed.error }, { status: 400 });
  const { authorizer } = await getState();
  const { findings, counts } = selectFindings(findingsOf(authorizer), parsed.filter);
  if (parsed.query.format === 'csv') {
    return new NextResponse(findingsToCsv(findings), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="rbac-findings.csv"',
      },
    });
  }
  return NextResponse.json(
    { findings, counts },
    {
      headers: request.nextUrl.searchParams.has('download')
        ? { 'Content-Disposition': 'attachment; filename="rbac-findings.json"' }
        : {},
    },
  );
}
