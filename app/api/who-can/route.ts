import type { NextRequest } from 'next/server';
import { parseWhoCanQuestion } from '@/lib/rbac/question-params';
import { whoCanAnswer } from '@/lib/rbac/who-can-groups';
import { jsonAnswer } from '@/lib/server/api-error';
import { getResourceOptions } from '@/lib/server/resource-options';
import { getState } from '@/lib/server/snapshot-store';

/** GET /api/who-can?verb=…&resource=…: every subject allowed, with its paths, as JSON. */
export function GET(request: NextRequest) {
  return jsonAnswer(async () => {
    const attributes = parseWhoCanQuestion(
      request.nextUrl.searchParams,
      (await getResourceOptions()).resources,
    );
    const { authorizer } = await getState();
    return whoCanAnswer(authorizer, attributes);
  });
}
