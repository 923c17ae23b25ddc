import type { NextRequest } from 'next/server';
import { checkWithReferee } from '@/app/check/check-with-referee';
import { parseCheckQuestion } from '@/lib/rbac/question-params';
import { jsonAnswer } from '@/lib/server/api-error';
import { getResourceOptions } from '@/lib/server/resource-options';
import { getState } from '@/lib/server/snapshot-store';

/**
 * GET /api/check?as=…&verb=…&resource=…: the Check page's answer as JSON. With a cluster
 * connected it carries the API server's verdict too, unless `apiServer=skip` (one round trip
 * less, for callers that only want our answer).
 */
export function GET(request: NextRequest) {
  return jsonAnswer(async () => {
    const params = request.nextUrl.searchParams;
    const question = parseCheckQuestion(params, (await getResourceOptions()).resources);
    const { authorizer } = await getState();
    return checkWithReferee(authorizer, question, {
      askApiServer: params.get('apiServer') !== 'skip',
    });
  });
}
