import type { NextRequest } from 'next/server';
import { describeSubjectDetail } from '@/lib/rbac/subject-detail';
import { jsonAnswer } from '@/lib/server/api-error';
import { getState } from '@/lib/server/snapshot-store';

/** GET /api/subjects/KEY (e.g. ServiceAccount:default:myapp1, URL-encoded): one subject in full. */
export function GET(_request: NextRequest, { params }: { params: Promise<{ key: string }> }) {
  return jsonAnswer(async () => {
    const { key } = await params;
    const { authorizer } = await getState();
    return describeSubjectDetail(authorizer, key);
  });
}
