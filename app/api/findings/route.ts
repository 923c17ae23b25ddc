import { NextResponse, type NextRequest } from 'next/server';
import { filterFindings, findingsToCsv } from '@/lib/findings/filter-findings';
import { parseFindingQuery } from '@/lib/findings/finding-query';
import { findingsOf } from '@/lib/server/findings-cache';
import { getState } from '@/lib/server/snapshot-store';

/**
 * GET /api/findings?severity=critical,high&namespace=NS|*&rule=RULE&all=1&format=json|csv
 * Risky grants, worst first; `all=1` includes built-in system subjects.
 */
export async function GET(request: NextRequest) {
  // A Map, not an object: keys such as __proto__ and constructor are data here.
  const params = new Map<string, string[]>();
  for (const [k, v] of request.nextUrl.searchParams) params.set(k, [...(params.get(k) ?? []), v]);
  const flat = Object.fromEntries([...params].map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
  const parsed = parseFindingQuery(flat);
  if (!parsed.ok) return NextResponse.json({ error: parsed.error }, { status: 400 });
  const { authorizer } = await getState();
  const findings = filterFindings(findingsOf(authorizer), parsed.filter);
  if (parsed.query.format === 'csv') {
    return new NextResponse(findingsToCsv(findings), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="rbac-findings.csv"',
      },
    });
  }
  return NextResponse.json(
    { findings },
    {
      headers: request.nextUrl.searchParams.has('download')
        ? { 'Content-Disposition': 'attachment; filename="rbac-findings.json"' }
        : {},
    },
  );
}
