import { describe, expect, it } from 'vitest';
import type { Finding } from '@/lib/findings/find-risks';
import { parseCheckQuestion } from '@/lib/rbac/question-params';
import { rule } from '@/lib/rbac/test-builders';
import { findingCheckHref, findingGraphHref } from './finding-links';

const f = (over: Partial<Finding>): Finding => ({
  id: 'x',
  rule: 'read-secrets',
  severity: 'high',
  subject: { kind: 'Group', name: 'sre' },
  namespace: '',
  message: 'Group sre can read secrets cluster-wide.',
  why: 'why',
  paths: [],
  expected: false,
  ...over,
});

const paramsOf = (href: string) => Object.fromEntries(new URLSearchParams(href.split('?')[1]));

describe('findingCheckHref', () => {
  it.each<[string, Partial<Finding>, string]>([
    [
      'a cluster-wide grant is asked cluster-wide (namespace present and empty)',
      { request: { verb: 'get', apiGroup: '', resource: 'secrets', namespace: '' } },
      '/check?group=sre&verb=get&resource=secrets&namespace=',
    ],
    [
      'a namespaced grant in its namespace, for a ServiceAccount',
      {
        subject: { kind: 'ServiceAccount', namespace: 'team-b', name: 'debugger' },
        namespace: 'team-b',
        request: {
          verb: 'create',
          apiGroup: '',
          resource: 'pods',
          subresource: 'exec',
          namespace: 'team-b',
        },
      },
      '/check?as=system%3Aserviceaccount%3Ateam-b%3Adebugger&verb=create&resource=pods&subresource=exec&namespace=team-b',
    ],
    [
      'a user',
      {
        subject: { kind: 'User', name: 'alice@example.com' },
        namespace: 'team-a',
        request: {
          verb: 'impersonate',
          apiGroup: '',
          resource: 'serviceaccounts',
          namespace: 'team-a',
        },
      },
      '/check?as=alice%40example.com&verb=impersonate&resource=serviceaccounts&namespace=team-a',
    ],
  ])('%s', (_, over, href) => {
    expect(findingCheckHref(f(over))).toBe(href);
  });

  it('the Check page reads a cluster-wide link as cluster-wide, not as default', () => {
    const href = findingCheckHref(
      f({ request: { verb: 'get', apiGroup: '', resource: 'secrets', namespace: '' } }),
    )!;
    const q = parseCheckQuestion(paramsOf(href));
    expect(q.attributes).toMatchObject({ resource: 'secrets', namespace: '' });
  });

  it('no link without an allowed request', () => {
    expect(findingCheckHref(f({}))).toBeUndefined();
  });
});

describe('findingGraphHref', () => {
  it('focuses the subject and marks the bindings and roles of its paths, as the graph names them', () => {
    const href = findingGraphHref(
      f({
        subject: { kind: 'ServiceAccount', namespace: 'team-b', name: 'debugger' },
        paths: [
          {
            binding: { kind: 'RoleBinding', namespace: 'team-b', name: 'debug' },
            role: { kind: 'Role', namespace: 'team-b', name: 'exec' },
            rule: rule('create', '', 'pods/exec'),
            ruleIndex: 0,
            subject: { kind: 'ServiceAccount', namespace: 'team-b', name: 'debugger' },
          },
          {
            binding: { kind: 'ClusterRoleBinding', name: 'all-sa' },
            role: { kind: 'ClusterRole', name: 'view' },
            rule: rule('get', '', 'pods'),
            ruleIndex: 0,
            subject: { kind: 'Group', name: 'system:serviceaccounts' },
          },
        ],
      }),
    )!;
    expect(paramsOf(href)).toEqual({
      focus: 'subject:ServiceAccount:team-b:debugger',
      highlight: [
        'subject:ServiceAccount:team-b:debugger',
        'binding:RoleBinding:team-b:debug',
        'role:Role:team-b:exec',
        'subject:Group:system:serviceaccounts',
        'binding:ClusterRoleBinding:all-sa',
        'role:ClusterRole:view',
      ].join(','),
    });
  });

  it('a subject without paths is focused alone', () => {
    expect(findingGraphHref(f({}))).toBe('/graph?focus=subject%3AGroup%3Asre');
  });
});
