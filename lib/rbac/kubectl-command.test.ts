import { describe, expect, it } from 'vitest';
import { kubectlCanI } from './kubectl-command';
import type { RequestAttributes } from './rule-matching';
import { shellQuote } from './shell-quote';

const MYAPP1 = 'system:serviceaccount:default:myapp1';

describe('kubectlCanI', () => {
  it.each<[string, { user: string; groups: string[] }, RequestAttributes, string]>([
    [
      'the seed question',
      { user: MYAPP1, groups: [] },
      { verb: 'list', resource: 'pods', apiGroup: '', namespace: 'default' },
      'kubectl auth can-i list pods --as=system:serviceaccount:default:myapp1 -n default',
    ],
    [
      'a group, a name and a subresource',
      { user: 'alice@example.com', groups: ['sre', 'on call'] },
      {
        verb: 'update',
        resource: 'deployments',
        apiGroup: 'apps',
        namespace: 'team-a',
        name: 'web',
        subresource: 'scale',
      },
      "kubectl auth can-i update deployments.apps/web --subresource=scale --as=alice@example.com --as-group=sre '--as-group=on call' -n team-a",
    ],
    [
      'all namespaces',
      { user: 'bob', groups: [] },
      { verb: 'list', resource: 'secrets', apiGroup: '', namespace: '' },
      'kubectl auth can-i list secrets --as=bob -A',
    ],
    [
      'wildcards are quoted',
      { user: 'bob', groups: [] },
      { verb: '*', resource: '*', apiGroup: '*', namespace: 'x' },
      "kubectl auth can-i '*' '*.*' --as=bob -n x",
    ],
    [
      'a non-resource URL takes no namespace',
      { user: 'bob', groups: [] },
      { verb: 'get', nonResourceURL: '/metrics' },
      'kubectl auth can-i get /metrics --as=bob',
    ],
    [
      'a hostile user name stays one word',
      { user: "x'; rm -rf / #", groups: [] },
      { verb: 'get', resource: 'pods', apiGroup: '', namespace: 'default' },
      `kubectl auth can-i get pods '--as=x'\\''; rm -rf / #' -n default`,
    ],
  ])('%s', (_, who, a, expected) => {
    const k = kubectlCanI(who, a);
    expect(k.command).toBe(expected);
    expect(k.note).toBeUndefined();
  });

  it('asks about groups alone through system:anonymous, and says so', () => {
    const k = kubectlCanI(
      { user: '', groups: ['sre'] },
      { verb: 'list', resource: 'secrets', apiGroup: '', namespace: '' },
    );
    expect(k.command).toBe(
      'kubectl auth can-i list secrets --as=system:anonymous --as-group=sre -A',
    );
    expect(k.note).toMatch(/only with a user/);
  });
});

describe('shellQuote', () => {
  it.each([
    ['pods', 'pods'],
    ['--as=system:serviceaccount:a:b', '--as=system:serviceaccount:a:b'],
    ['a b', "'a b'"],
    ["it's", `'it'\\''s'`],
    ['$HOME', "'$HOME'"],
    ['', "''"],
  ])('%j → %s', (word, expected) => {
    expect(shellQuote(word)).toBe(expected);
  });
});
