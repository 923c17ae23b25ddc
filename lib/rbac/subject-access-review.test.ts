import { describe, expect, it } from 'vitest';
import { Authorizer } from './authorizer';
import { ReviewError, reviewSubjectAccess } from './subject-access-review';
import { binding, named, role, rule, snapshot } from './test-builders';

const authz = new Authorizer(
  snapshot(
    role('default', 'pod-reader', rule('get,list', '', 'pods')),
    named('read-pods', binding('default', 'Role:pod-reader', 'ServiceAccount:default:myapp1')),
  ),
);

const listPods = { namespace: 'default', verb: 'list', resource: 'pods' };
const myapp1 = 'system:serviceaccount:default:myapp1';

describe('reviewSubjectAccess', () => {
  it.each([
    [{ user: myapp1, resourceAttributes: listPods }, { allowed: true }],
    [{ user: 'bob', resourceAttributes: listPods }, { allowed: false }],
    // Everything the API server accepts in a spec, the RBAC authorizer ignoring uid and extra.
    [
      {
        user: myapp1,
        uid: '4c9b',
        groups: ['system:serviceaccounts'],
        extra: { 'authentication.kubernetes.io/pod-name': ['web-1'], scopes: [] },
        resourceAttributes: {
          ...listPods,
          group: '',
          version: 'v1',
          subresource: '',
          name: '',
          fieldSelector: { rawSelector: 'spec.nodeName=n1' },
          labelSelector: { requirements: [{ key: 'app', operator: 'In', values: ['web'] }] },
        },
      },
      { allowed: true },
    ],
    // null is "not given", as the API server decodes it.
    [{ user: myapp1, groups: null, extra: null, resourceAttributes: listPods }, { allowed: true }],
    [
      { groups: ['system:masters'], nonResourceAttributes: { path: '/x', verb: 'get' } },
      { allowed: true },
    ],
  ])('answers a well-formed spec: %j', (spec, status) => {
    expect(reviewSubjectAccess(authz, spec)).toMatchObject(status);
  });

  it.each([
    // A string is not a list: "system:masters-readonly" must not count as system:masters.
    [
      { user: 'x', groups: 'system:masters-readonly', resourceAttributes: listPods },
      /spec\.groups must be a list of strings, not a string/,
    ],
    [
      { user: 'x', groups: ['a', 7], resourceAttributes: listPods },
      /spec\.groups\[1\] must be a string, not a number/,
    ],
    [
      { user: ['system:admin'], resourceAttributes: listPods },
      /spec\.user must be a string, not a list/,
    ],
    [
      { user: 'x', uid: 42, resourceAttributes: listPods },
      /spec\.uid must be a string, not a number/,
    ],
    [
      { user: 'x', extra: ['a'], resourceAttributes: listPods },
      /spec\.extra must be a map of lists of strings, not a list/,
    ],
    [
      { user: 'x', extra: { scopes: 'all' }, resourceAttributes: listPods },
      /spec\.extra\.scopes must be a list of strings, not a string/,
    ],
    [
      { user: 'x', resourceAttributes: { ...listPods, namespace: ['default'] } },
      /spec\.resourceAttributes\.namespace must be a string, not a list/,
    ],
    [
      { user: 'x', resourceAttributes: { ...listPods, verb: true } },
      /spec\.resourceAttributes\.verb must be a string, not true or false/,
    ],
    [
      { user: 'x', resourceAttributes: { ...listPods, name: 3 } },
      /spec\.resourceAttributes\.name must be a string/,
    ],
    [
      { user: 'x', resourceAttributes: { ...listPods, fieldSelector: 'a=b' } },
      /spec\.resourceAttributes\.fieldSelector must be an object, not a string/,
    ],
    [
      { user: 'x', resourceAttributes: 'pods' },
      /spec\.resourceAttributes must be an object, not a string/,
    ],
    [
      { user: 'x', nonResourceAttributes: { path: { p: 1 }, verb: 'get' } },
      /spec\.nonResourceAttributes\.path must be a string, not an object/,
    ],
    // A misspelt field would widen the question (no namespace: cluster-wide); kubectl refuses it.
    [
      { user: 'x', resourceAttributes: { ...listPods, namespaces: 'default' } },
      /unknown field spec\.resourceAttributes\.namespaces/,
    ],
    [
      { user: 'x', group: ['system:masters'], resourceAttributes: listPods },
      /unknown field spec\.group/,
    ],
    ['user: x', /spec must be an object, not a string/],
    [{ groups: [], resourceAttributes: listPods }, /spec needs a user or groups/],
    [{ user: 'x', resourceAttributes: listPods, nonResourceAttributes: { path: '/' } }, /both/],
  ])('refuses a malformed spec: %j', (spec, message) => {
    expect(() => reviewSubjectAccess(authz, spec)).toThrow(ReviewError);
    expect(() => reviewSubjectAccess(authz, spec)).toThrow(message);
  });
});
