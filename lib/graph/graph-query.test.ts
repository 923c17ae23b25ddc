import { describe, expect, it } from 'vitest';
import { parseGraphQuery, unknownParamsNotice } from './graph-query';
import { graphQueryString } from './query-string';
import type { GraphQuery } from './model';

const none: GraphQuery = { namespaces: [], kinds: [], highlight: [], system: false, all: false };

describe('parseGraphQuery', () => {
  it.each<[string, Partial<GraphQuery>]>([
    ['', {}],
    ['namespace=team-b,default', { namespaces: ['default', 'team-b'] }],
    ['namespace=a,,a', { namespaces: ['a'] }],
    ['kind=User,Group', { kinds: ['User', 'Group'] }],
    ['kind=User,User,User,Group', { kinds: ['User', 'Group'] }],
    [
      'focus=subject:ServiceAccount:default:myapp1',
      { focus: 'subject:ServiceAccount:default:myapp1' },
    ],
    [
      'highlight=subject:User:alice,binding:RoleBinding:team-a:alice-edit',
      { highlight: ['subject:User:alice', 'binding:RoleBinding:team-a:alice-edit'] },
    ],
    // Names may hold commas: a piece that does not start as a node id belongs to the one before.
    [
      'highlight=subject:User:CN%3Dalice%2C%20OU%3Deng,role:ClusterRole:a,b',
      { highlight: ['subject:User:CN=alice, OU=eng', 'role:ClusterRole:a,b'] },
    ],
    ['system=1&all=true', { system: true, all: true }],
    ['system=0', { system: false }],
  ])('%s', (qs, expected) => {
    expect(parseGraphQuery(new URLSearchParams(qs))).toEqual({
      ok: true,
      query: { ...none, ...expected },
    });
  });

  const NODE_ID = 'is not a node id (pod:…, subject:…, binding:…, role:…, perm:…, ns:…)';
  it.each([
    [
      'namespace=default,Team_A',
      'namespace: "Team_A" is not a namespace name (lower-case letters, digits and dashes, at most 63)',
    ],
    [
      `namespace=${'a'.repeat(64)}`,
      `namespace: "${'a'.repeat(64)}" is not a namespace name (lower-case letters, digits and dashes, at most 63)`,
    ],
    [
      `namespace=${Array.from({ length: 1001 }, (_, i) => `n${i}`).join(',')}`,
      'namespace: more than 1000 namespaces',
    ],
    [
      `namespace=${Array.from({ length: 200 }, (_, i) => `${i}`.padEnd(63, 'x')).join(',')}`,
      'namespace: the list is longer than 8000 characters',
    ],
    ['kind=User,Robot', 'kind: "Robot" is not a subject kind (ServiceAccount, User or Group)'],
    ['focus=alice', `focus: "alice" ${NODE_ID}`],
    [`focus=subject:User:${'u'.repeat(1000)}`, 'focus: longer than 1000 characters'],
    [
      'highlight=nonsense,role:Role:a:b,role: x',
      `highlight: "nonsense" ${NODE_ID}; highlight: "role: x" ${NODE_ID}`,
    ],
    [
      `highlight=${Array.from({ length: 51 }, (_, i) => `ns:n${i}`).join(',')}`,
      'highlight: more than 50 nodes',
    ],
    [`highlight=${'x'.repeat(100)}`, `highlight: "${'x'.repeat(80)}…" ${NODE_ID}`],
    [
      'system=maybe&all=2',
      'system: "maybe" is not 1, 0, true or false; all: "2" is not 1, 0, true or false',
    ],
  ])('rejects %s', (qs, message) => {
    expect(parseGraphQuery(new URLSearchParams(qs))).toEqual({ ok: false, error: message });
  });

  it('takes the first value of a repeated parameter, as a page receives it', () => {
    expect(parseGraphQuery({ namespace: ['a', 'b'], kind: 'User' })).toEqual({
      ok: true,
      query: { ...none, namespaces: ['a'], kinds: ['User'] },
    });
  });
});

describe('graphQueryString', () => {
  it.each<[Partial<GraphQuery>, string]>([
    [none, ''],
    [{ namespaces: ['a', 'b'], kinds: ['User'] }, 'namespace=a,b&kind=User'],
    [
      { focus: 'subject:User:alice@example.com', system: true },
      'focus=subject:User:alice%40example.com&system=1',
    ],
  ])('%j → %s', (q, expected) => {
    expect(graphQueryString(q)).toBe(expected);
  });

  it('round-trips through parseGraphQuery', () => {
    const q: GraphQuery = {
      namespaces: ['default', 'team-a'],
      kinds: ['ServiceAccount', 'Group'],
      focus: 'role:ClusterRole:system:aggregate-to-edit',
      highlight: [
        'subject:Group:system:masters',
        'subject:Group:cn=admins,ou=groups,dc=example,dc=com',
        'perm:role:ClusterRole:cluster-admin:*/*',
      ],
      system: true,
      all: false,
    };
    expect(parseGraphQuery(new URLSearchParams(graphQueryString(q)))).toEqual({
      ok: true,
      query: q,
    });
  });
});

describe('unknownParamsNotice', () => {
  it.each<[string[], string | undefined]>([
    [[], undefined],
    [['namespace', 'kind', 'focus', 'highlight', 'system', 'all', 'renderer'], undefined],
    [
      ['namespaces'],
      'The graph does not use the parameter namespaces (did you mean namespace?); it was ignored.',
    ],
    [
      ['Kind', 'zoom', 'zoom'],
      'The graph does not use the parameters Kind (did you mean kind?), zoom; they were ignored.',
    ],
    [
      ['a1x', 'b2x', 'c3x', 'd4x', 'e5x', 'f6x', `${'p'.repeat(50)}`],
      'The graph does not use the parameters a1x, b2x, c3x, d4x, e5x and 2 more; they were ignored.',
    ],
    [
      ['namepsace', 'al'],
      'The graph does not use the parameters namepsace (did you mean namespace?), al (did you mean all?); they were ignored.',
    ],
    [
      [`${'p'.repeat(50)}`],
      `The graph does not use the parameter ${'p'.repeat(40)}…; it was ignored.`,
    ],
  ])('%j', (keys, expected) => {
    expect(unknownParamsNotice(keys)).toBe(expected);
  });
});
