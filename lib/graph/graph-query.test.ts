import { describe, expect, it } from 'vitest';
import { parseGraphQuery } from './graph-query';
import { graphQueryString } from './query-string';
import type { GraphQuery } from './model';

const none: GraphQuery = { namespaces: [], kinds: [], highlight: [], system: false, all: false };

describe('parseGraphQuery', () => {
  it.each<[string, Partial<GraphQuery>]>([
    ['', {}],
    ['namespace=team-b,default', { namespaces: ['default', 'team-b'] }],
    ['namespace=a,,a', { namespaces: ['a'] }],
    ['kind=User,Group', { kinds: ['User', 'Group'] }],
    [
      'focus=subject:ServiceAccount:default:myapp1',
      { focus: 'subject:ServiceAccount:default:myapp1' },
    ],
    [
      'highlight=subject:User:alice,binding:RoleBinding:team-a:alice-edit',
      { highlight: ['subject:User:alice', 'binding:RoleBinding:team-a:alice-edit'] },
    ],
    ['system=1&all=true', { system: true, all: true }],
    ['system=0', { system: false }],
  ])('%s', (qs, expected) => {
    expect(parseGraphQuery(new URLSearchParams(qs))).toEqual({
      ok: true,
      query: { ...none, ...expected },
    });
  });

  it.each([
    ['namespace=Team_A', /namespace/],
    ['kind=Robot', /Robot|expected/i],
    ['focus=alice', /focus/],
    ['highlight=role:Role:a:b,nonsense', /highlight/],
    ['system=maybe', /./],
  ])('rejects %s', (qs, message) => {
    const parsed = parseGraphQuery(new URLSearchParams(qs));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
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
      highlight: ['subject:Group:system:masters', 'perm:role:ClusterRole:cluster-admin:*/*'],
      system: true,
      all: false,
    };
    expect(parseGraphQuery(new URLSearchParams(graphQueryString(q)))).toEqual({
      ok: true,
      query: q,
    });
  });
});
