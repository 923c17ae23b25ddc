import type { NextRequest } from 'next/server';
import { subjectsOf } from '@/lib/rbac/snapshot-index';
import { filterSubjects, parseSubjectFilter } from '@/lib/rbac/subject-search';
import { jsonAnswer } from '@/lib/server/api-error';
import { getState } from '@/lib/server/snapshot-store';

/** GET /api/subjects?q=&kind=&namespace=&offset=&limit=: subjects with their binding counts. */
export function GET(request: NextRequest) {
  return jsonAnswer(async () => {
    const filter = parseSubjectFilter(request.nextUrl.searchParams);
    const { snapshot } = await getState();
    const { total, subjects } = filterSubjects(subjectsOf(snapshot), filter);
    return {
      total,
      offset: filter.offset,
      subjects: subjects.map(({ subject, ...summary }) => ({ ...subject, ...summary })),
    };
  });
}
