import { describe, expect, it } from 'vitest';
import { ruleAllows, type RequestAttributes } from './rule-matching';
import { rule, urlRule } from './test-builders';
import type { PolicyRule } from './types';

const res = (
  verb: string,
  apiGroup: string,
  resource: string,
  subresource = '',
  name = '',
): RequestAttributes => ({
  verb,
  apiGroup,
  resource,
  subresource,
  name,
  namespace: 'ns',
});
const url = (verb: string, nonResourceURL: string): RequestAttributes => ({ verb, nonResourceURL });

type Case = [PolicyRule, RequestAttributes, boolean];

describe('ruleAllows: scenarios of the upstream RBAC authorizer tests', () => {
  const cases: Record<string, Case[]> = {
    'star verb, exact match other': [
      [rule('*', 'group1', 'resource1'), res('verb1', 'group1', 'resource1'), true],
      [rule('*', 'group1', 'resource1'), res('verb1', 'group2', 'resource1'), false],
      [rule('*', 'group1', 'resource1'), res('verb1', 'group1', 'resource2'), false],
      [rule('*', 'group1', 'resource1'), res('verb2', 'group1', 'resource1'), true],
    ],
    'star group, exact match other': [
      [rule('verb1', '*', 'resource1'), res('verb1', 'group1', 'resource1'), true],
      [rule('verb1', '*', 'resource1'), res('verb1', 'group2', 'resource1'), true],
      [rule('verb1', '*', 'resource1'), res('verb1', 'group1', 'resource2'), false],
      [rule('verb1', '*', 'resource1'), res('verb2', 'group1', 'resource1'), false],
    ],
    'star resource, exact match other': [
      [rule('verb1', 'group1', '*'), res('verb1', 'group1', 'resource1'), true],
      [rule('verb1', 'group1', '*'), res('verb1', 'group1', 'resource2'), true],
      [rule('verb1', 'group1', '*'), res('verb1', 'group2', 'resource1'), false],
      [rule('verb1', 'group1', '*'), res('verb2', 'group1', 'resource1'), false],
    ],
    'tuple expansion': [
      [
        rule('verb1,verb2', 'group1,group2', 'resource1,resource2'),
        res('verb1', 'group1', 'resource1'),
        true,
      ],
      [
        rule('verb1,verb2', 'group1,group2', 'resource1,resource2'),
        res('verb2', 'group2', 'resource2'),
        true,
      ],
      [
        rule('verb1,verb2', 'group1,group2', 'resource1,resource2'),
        res('verb1', 'group2', 'resource1'),
        true,
      ],
      [
        rule('verb1,verb2', 'group1,group2', 'resource1,resource2'),
        res('verb3', 'group1', 'resource1'),
        false,
      ],
    ],
    'subresource expansion': [
      [
        rule('*', '*', 'resource1/subresource1'),
        res('verb1', 'group1', 'resource1', 'subresource1'),
        true,
      ],
      [
        rule('*', '*', 'resource1/subresource1'),
        res('verb1', 'group2', 'resource1', 'subresource2'),
        false,
      ],
      [
        rule('*', '*', 'resource1/subresource1'),
        res('verb1', 'group1', 'resource2', 'subresource1'),
        false,
      ],
      [rule('*', '*', 'resource1/subresource1'), res('verb1', 'group1', 'resource1'), false],
    ],
    'a resource does not grant its subresources, nor a subresource its resource': [
      [rule('*', '*', 'pods'), res('get', '', 'pods', 'status'), false],
      [rule('*', '*', 'pods/status'), res('get', '', 'pods'), false],
      [rule('*', '*', 'pods/status'), res('get', '', 'pods', 'status'), true],
    ],
    'star nonresource, exact match other': [
      [urlRule('verb1', '*'), url('verb1', '/foo'), true],
      [urlRule('verb1', '*'), url('verb1', '/foo/bar/one'), true],
      [urlRule('verb1', '*'), url('verb2', '/foo'), false],
    ],
    'star nonresource subpath': [
      [urlRule('verb1', '/foo/*'), url('verb1', '/foo'), false],
      [urlRule('verb1', '/foo/*'), url('verb1', '/foo/bar'), true],
      [urlRule('verb1', '/foo/*'), url('verb1', '/foo/baz/one'), true],
      [urlRule('verb1', '/foo/*'), url('verb1', '/notfoo'), false],
      [urlRule('verb1', '/foo/*'), url('verb1', '/notfoo/bar'), false],
    ],
    'star verb, exact nonresource': [
      [urlRule('*', '/foo,/foo/bar/one'), url('verb1', '/foo'), true],
      [urlRule('*', '/foo,/foo/bar/one'), url('verb1', '/foo/bar'), false],
      [urlRule('*', '/foo,/foo/bar/one'), url('verb2', '/foo/bar/one'), true],
      [urlRule('*', '/foo,/foo/bar/one'), url('verb2', '/foo/baz/one'), false],
    ],
  };
  for (const [name, rows] of Object.entries(cases)) {
    it(name, () => {
      for (const [r, a, expected] of rows)
        expect(ruleAllows(r, a), JSON.stringify([r, a])).toBe(expected);
    });
  }
});

describe('ruleAllows: edges of the matching code', () => {
  const cases: [string, PolicyRule, RequestAttributes, boolean][] = [
    ['"" is the core group', rule('get', '', 'pods'), res('get', '', 'pods'), true],
    [
      'the core group is not apps',
      rule('get', '', 'deployments'),
      res('get', 'apps', 'deployments'),
      false,
    ],
    [
      'no apiGroups matches nothing',
      { verbs: ['get'], resources: ['pods'] },
      res('get', '', 'pods'),
      false,
    ],
    ['verbs are case-sensitive', rule('get', '', 'pods'), res('GET', '', 'pods'), false],
    ['resources are case-sensitive', rule('get', '', 'pods'), res('get', '', 'Pods'), false],
    ['* resource matches a subresource', rule('get', '', '*'), res('get', '', 'pods', 'log'), true],
    [
      '*/scale matches any scale',
      rule('update', 'apps', '*/scale'),
      res('update', 'apps', 'deployments', 'scale'),
      true,
    ],
    [
      '*/scale needs a subresource',
      rule('update', 'apps', '*/scale'),
      res('update', 'apps', 'deployments'),
      false,
    ],
    [
      '*/scale is not */status',
      rule('get', '*', '*/scale'),
      res('get', 'apps', 'deployments', 'status'),
      false,
    ],
    [
      '*/scale does not match a longer subresource',
      rule('get', '*', '*/scale'),
      res('get', 'x', 'foo', 'rescale'),
      false,
    ],
    [
      'pods/* is literal: not pods/log',
      rule('get', '', 'pods/*'),
      res('get', '', 'pods', 'log'),
      false,
    ],
    ['pods/* is literal: not pods', rule('get', '', 'pods/*'), res('get', '', 'pods'), false],
    [
      'resourceNames match the name',
      rule('get', '', 'configmaps', 'a,b'),
      res('get', '', 'configmaps', '', 'b'),
      true,
    ],
    [
      'resourceNames reject other names',
      rule('get', '', 'configmaps', 'a'),
      res('get', '', 'configmaps', '', 'c'),
      false,
    ],
    [
      'resourceNames never match a request without a name',
      rule('list', '', 'configmaps', 'a'),
      res('list', '', 'configmaps'),
      false,
    ],
    [
      'no resourceNames match any name',
      rule('get', '', 'configmaps'),
      res('get', '', 'configmaps', '', 'x'),
      true,
    ],
    ['a URL rule does not grant resources', urlRule('get', '*'), res('get', '', 'pods'), false],
    ['a resource rule does not grant URLs', rule('*', '*', '*'), url('get', '/healthz'), false],
    ['/* is the prefix /', urlRule('get', '/*'), url('get', '/healthz'), true],
    [
      'several trailing stars are one prefix',
      urlRule('get', '/api**'),
      url('get', '/apis/x'),
      true,
    ],
    ['a star inside a URL is literal', urlRule('get', '/a/*/b'), url('get', '/a/x/b'), false],
    [
      'an exact URL does not match its children',
      urlRule('get', '/healthz'),
      url('get', '/healthz/etcd'),
      false,
    ],
  ];
  it.each(cases)('%s', (_name, r, a, expected) => {
    expect(ruleAllows(r, a)).toBe(expected);
  });
});
