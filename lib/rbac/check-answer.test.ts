import { describe, expect, it } from 'vitest';
import { Authorizer } from './authorizer';
import { answerCheck } from './check-answer';
import { parseCheckQuestion } from './question-params';
import { clusterBinding, clusterRole, rule, snapshot } from './test-builders';

const authz = new Authorizer(
  snapshot(
    clusterRole('public', rule('get', '', 'configmaps')),
    clusterBinding('ClusterRole:public', 'Group:system:unauthenticated'),
  ),
);
const check = (search: string) =>
  answerCheck(authz, parseCheckQuestion(new URLSearchParams(search)));
const HINT = /real anonymous requests carry the group system:unauthenticated/i;

describe('answerCheck: anonymous without its group', () => {
  it('warns that real anonymous requests carry system:unauthenticated, and how to ask', () => {
    const a = check('as=system:anonymous&verb=get&resource=configmaps');
    expect(a.allowed).toBe(false);
    expect(a.warnings).toEqual([expect.stringMatching(HINT)]);
    expect(a.warnings[0]).toContain('group=system:unauthenticated');
  });

  it('also with other groups that are not it', () => {
    expect(check('as=system:anonymous&group=x&verb=get&resource=configmaps').warnings).toEqual([
      expect.stringMatching(HINT),
    ]);
  });

  it('says nothing when the question carries the group, or asks about someone else', () => {
    const a = check(
      'as=system:anonymous&group=system:unauthenticated&verb=get&resource=configmaps',
    );
    expect(a.allowed).toBe(true);
    expect(a.warnings).toEqual([]);
    expect(check('as=alice&verb=get&resource=configmaps').warnings).toEqual([]);
    expect(check('group=system:unauthenticated&verb=get&resource=configmaps').warnings).toEqual([]);
  });
});
