import { describe, expect, it } from 'vitest';
import { Authorizer } from './authorizer';
import { answerCheck } from './check-answer';
import { QuestionError } from './parse-type';
import {
  hasQuestion,
  parseCheckQuestion,
  parseWhoCanQuestion,
  readQuestionParams,
} from './question-params';
import { binding, clusterRole, named, role, rule, snapshot } from './test-builders';
import type { RequestAttributes } from './rule-matching';
import { whoCanAnswer } from './who-can-groups';

const q = (search: string) => new URLSearchParams(search);
const MYAPP1 = 'system:serviceaccount:default:myapp1';

describe('parseCheckQuestion: the URL question in kubectl words', () => {
  it.each([
    [
      `as=${MYAPP1}&verb=list&resource=pods&namespace=default`,
      {
        user: MYAPP1,
        groups: [],
        identity: {
          user: MYAPP1,
          groups: [
            'system:serviceaccounts',
            'system:serviceaccounts:default',
            'system:authenticated',
          ],
        },
        attributes: { verb: 'list', resource: 'pods', apiGroup: '', namespace: 'default' },
      },
    ],
    [
      // Explicit groups replace the implied ServiceAccount groups, as with kubectl --as-group.
      `as=${MYAPP1}&as-group=devs&verb=get&resource=pods&name=web-0&namespace=dev`,
      {
        user: MYAPP1,
        groups: ['devs'],
        identity: { user: MYAPP1, groups: ['devs', 'system:authenticated'] },
        attributes: {
          verb: 'get',
          resource: 'pods',
          apiGroup: '',
          namespace: 'dev',
          name: 'web-0',
        },
      },
    ],
    [
      'as=alice@example.com&group=sre&group=oncall&verb=update&resource=deployments&subresource=scale',
      {
        user: 'alice@example.com',
        groups: ['sre', 'oncall'],
        identity: { user: 'alice@example.com', groups: ['sre', 'oncall', 'system:authenticated'] },
        attributes: {
          verb: 'update',
          resource: 'deployments',
          apiGroup: 'apps',
          namespace: 'default',
          subresource: 'scale',
        },
      },
    ],
    [
      // Groups alone: exactly those groups, as a SubjectAccessReview without a user.
      'group=sre&verb=list&resource=secrets&namespace=',
      {
        user: '',
        groups: ['sre'],
        identity: { user: '', groups: ['sre'] },
        attributes: { verb: 'list', resource: 'secrets', apiGroup: '', namespace: '' },
      },
    ],
    [
      'as=bob&verb=get&url=/healthz&namespace=ignored',
      {
        user: 'bob',
        groups: [],
        identity: { user: 'bob', groups: ['system:authenticated'] },
        attributes: { verb: 'get', nonResourceURL: '/healthz' },
      },
    ],
  ])('%s', (search, expected) => {
    expect(parseCheckQuestion(q(search))).toEqual(expected);
  });

  it('reads the record Next gives pages, with repeated values as arrays', () => {
    const question = parseCheckQuestion({
      as: 'u',
      group: ['a', 'b'],
      'as-group': 'a',
      verb: 'get',
      resource: 'pods/log',
    });
    expect(question.groups).toEqual(['a', 'b']);
    expect(question.attributes).toEqual({
      verb: 'get',
      resource: 'pods',
      apiGroup: '',
      namespace: 'default',
      subresource: 'log',
    });
  });

  it.each([
    ['as=u&verb=&resource=pods', /a verb is required/],
    ['as=u&resource=pods', /a verb is required/],
    ['as=u&verb=get', /a resource \(e\.g\. pods\) or a non-resource URL/],
    ['verb=get&resource=pods', /who is asking/],
    ['as=system:serviceaccount:default&verb=get&resource=pods', /not a ServiceAccount user name/],
    // The API server would not take it for a ServiceAccount (namespace and name are invalid).
    [
      'as=system:serviceaccount:Default:My_App&verb=get&resource=pods',
      /not a ServiceAccount user name/,
    ],
    ['as=u&verb=get&verb=list&resource=pods', /verb is given more than once/],
    ['as=u&verb=get&resource=pods&url=/healthz', /not both/],
    ['as=u&verb=get&url=healthz', /starts with \//],
    ['as=u&verb=get&url=/healthz&name=x', /takes no API group, subresource or name/],
    ['as=u&verb=get&resource=/healthz', /ask with url=\/healthz/],
    ['as=u&verb=get&resource=pods/log&subresource=exec', /subresource is given twice/],
    ['as=u&verb=get&resource=pods/log/x', /not RESOURCE or RESOURCE\/SUBRESOURCE/],
    ['as=u&verb=get&resource=pods&subresource=Log!', /not a subresource name/],
    ['as=u&verb=get&resource=pods&namespace=Default', /not a namespace name/],
    [`as=u&verb=get&resource=pods&namespace=${'a'.repeat(64)}`, /at most 63/],
    ['as=u&verb=get&resource=pods&apiGroup=Apps', /not an API group/],
    ['as=u&verb=get&resource=pods&name=a/b', /not an object name/],
    ['as=u&verb=get&resource=Pods!', /not a resource name/],
    ['as=u&verb=get list&resource=pods', /is not a verb/],
    [`as=u&verb=get&resource=pods&name=${'x'.repeat(1025)}`, /longer than 1024/],
    ['as=%00&verb=get&resource=pods', /as contains control characters/],
    ['as=u&verb=get&resource=pods&name=a%0Ab', /name contains control characters/],
  ])('rejects %s', (search, message) => {
    expect(() => parseCheckQuestion(q(search))).toThrow(QuestionError);
    expect(() => parseCheckQuestion(q(search))).toThrow(message);
  });

  it('rejects too many groups', () => {
    const search = q('as=u&verb=get&resource=pods');
    for (let i = 0; i < 51; i++) search.append('group', `g${i}`);
    expect(() => parseCheckQuestion(search)).toThrow(/at most 50 groups/);
  });
});

describe('parseWhoCanQuestion', () => {
  it.each([
    [
      'verb=list&resource=pods&namespace=default',
      { verb: 'list', resource: 'pods', apiGroup: '', namespace: 'default' },
    ],
    [
      'verb=list&resource=pods',
      { verb: 'list', resource: 'pods', apiGroup: '', namespace: 'default' },
    ],
    [
      'verb=list&resource=pods&namespace=',
      { verb: 'list', resource: 'pods', apiGroup: '', namespace: '' },
    ],
    [
      'verb=get&resource=nodes&namespace=dev',
      { verb: 'get', resource: 'nodes', apiGroup: '', namespace: '' },
    ],
    [
      'verb=create&resource=deployments.apps&namespace=ci',
      { verb: 'create', resource: 'deployments', apiGroup: 'apps', namespace: 'ci' },
    ],
    ['verb=get&url=/metrics', { verb: 'get', nonResourceURL: '/metrics' }],
  ])('%s', (search, expected) => {
    expect(parseWhoCanQuestion(q(search))).toEqual(expected);
  });

  it('ignores a subject and unknown parameters', () => {
    expect(parseWhoCanQuestion(q('as=x&verb=get&resource=pods&utm=1'))).toEqual({
      verb: 'get',
      resource: 'pods',
      apiGroup: '',
      namespace: 'default',
    });
  });

  it('takes the group and scope of resources it does not know from a discovery catalog', () => {
    const catalog = [{ resource: 'widgets', group: 'example.com', namespaced: false }];
    expect(parseWhoCanQuestion(q('verb=list&resource=widgets&namespace=dev'), catalog)).toEqual({
      verb: 'list',
      resource: 'widgets',
      apiGroup: 'example.com',
      namespace: '',
    });
    // An explicit group that the catalog does not list is kept as asked.
    expect(
      parseWhoCanQuestion(q('verb=list&resource=widgets&apiGroup=other.io&namespace=dev'), catalog),
    ).toEqual({ verb: 'list', resource: 'widgets', apiGroup: 'other.io', namespace: 'dev' });
  });
});

describe('hasQuestion and readQuestionParams', () => {
  it.each([
    ['', false],
    ['utm=1', false],
    ['verb=', true],
    ['as=u', true],
  ])('%j → %s', (search, expected) => {
    expect(hasQuestion(q(search))).toBe(expected);
  });

  it('trims values and keeps an empty namespace apart from a missing one', () => {
    expect(readQuestionParams(q('verb=%20get%20&namespace=')).verb).toBe('get');
    expect(readQuestionParams(q('namespace=')).namespace).toBe('');
    expect(readQuestionParams(q('')).namespace).toBeUndefined();
  });
});

describe('hostile parameter names', () => {
  it('treats __proto__ and constructor as data, not as the prototype', () => {
    const q = new URLSearchParams('__proto__=x&constructor=y&verb=list&resource=pods&as=u');
    expect(readQuestionParams(q)).toMatchObject({ verb: 'list', resource: 'pods', as: 'u' });
  });
});

describe('cluster-scoped requests the API server authorizes in a namespace', () => {
  const authz = new Authorizer(
    snapshot(
      clusterRole('ns-reader', rule('get', '', 'namespaces,namespaces/status')),
      named('ns-in-team-a', binding('team-a', 'ClusterRole:ns-reader', 'User:alice')),
      role('team-a', 'binder', rule('bind', 'rbac.authorization.k8s.io', 'clusterroles', 'view')),
      named('dave-binds', binding('team-a', 'Role:binder', 'User:dave')),
      clusterRole('node-reader', rule('get', '', 'nodes')),
      named('nodes-in-team-a', binding('team-a', 'ClusterRole:node-reader', 'User:alice')),
    ),
  );
  const check = (search: string) => answerCheck(authz, parseCheckQuestion(q(search)));
  const namespaceOf = (a: RequestAttributes) => ('namespace' in a ? a.namespace : undefined);

  it('a request on one namespace is in that namespace: GET /api/v1/namespaces/team-a', () => {
    const a = check('as=alice&verb=get&resource=namespaces&name=team-a&namespace=team-a');
    expect(a.request).toEqual({
      verb: 'get',
      resource: 'namespaces',
      apiGroup: '',
      namespace: 'team-a',
      name: 'team-a',
    });
    expect(a.allowed).toBe(true);
    expect(a.paths.map((p) => p.binding.name)).toEqual(['ns-in-team-a']);
    expect(check('as=alice&verb=get&resource=namespaces/status&name=team-a').allowed).toBe(true);
  });

  it('whatever namespace the question gives: the request on namespace X is in X', () => {
    for (const ns of ['', '&namespace=', '&namespace=other']) {
      expect(
        namespaceOf(parseWhoCanQuestion(q(`verb=get&resource=namespaces&name=team-a${ns}`))),
      ).toBe('team-a');
    }
    const other = check('as=alice&verb=get&resource=namespaces&name=team-b');
    expect(other.allowed).toBe(false);
    expect(other.nearMisses.map((m) => m.message)).toEqual([
      'RoleBinding ns-in-team-a in namespace team-a would allow this on namespace team-a itself, not on team-b (a RoleBinding grants namespaces only for its own namespace).',
    ]);
  });

  it('without a name, or to list, create or deletecollection, namespaces are cluster-wide', () => {
    for (const search of [
      'verb=get&resource=namespaces&namespace=team-a',
      'verb=list&resource=namespaces&namespace=team-a',
      'verb=list&resource=namespaces&name=team-a&namespace=team-a',
      'verb=create&resource=namespaces&name=team-a',
      'verb=deletecollection&resource=namespaces&namespace=team-a',
    ]) {
      expect(namespaceOf(parseWhoCanQuestion(q(search))), search).toBe('');
    }
  });

  it('who-can names the subjects of a RoleBinding in the namespace asked about', () => {
    const request = parseWhoCanQuestion(q('verb=get&resource=namespaces&name=team-a'));
    expect(whoCanAnswer(authz, request).subjects.map((s) => s.name)).toEqual(['alice']);
  });

  it('bind on a ClusterRole is asked in the namespace of the RoleBinding being written', () => {
    const a = check(
      'as=dave&verb=bind&resource=clusterroles&apiGroup=rbac.authorization.k8s.io&name=view&namespace=team-a',
    );
    expect(namespaceOf(a.request)).toBe('team-a');
    expect(a.allowed).toBe(true);
    expect(a.paths.map((p) => p.binding.name)).toEqual(['dave-binds']);
    // The group is the catalog's when not given.
    expect(
      check('as=dave&verb=bind&resource=clusterroles&name=view&namespace=team-a').allowed,
    ).toBe(true);
    // Without a namespace it is cluster-wide: a ClusterRoleBinding of a ClusterRole.
    const cluster = check('as=dave&verb=bind&resource=clusterroles&name=view');
    expect(namespaceOf(cluster.request)).toBe('');
    expect(cluster.allowed).toBe(false);
    expect(cluster.nearMisses.map((m) => m.message)).toEqual([
      'RoleBinding dave-binds in namespace team-a would allow this in team-a, not cluster-wide (a RoleBinding grants only in its own namespace).',
    ]);
    // Only bind: escalate and get of clusterroles stay cluster-wide.
    for (const verb of ['escalate', 'get']) {
      expect(
        namespaceOf(
          parseWhoCanQuestion(q(`verb=${verb}&resource=clusterroles&name=view&namespace=team-a`)),
        ),
      ).toBe('');
    }
  });

  it('other cluster-scoped resources are still asked cluster-wide: get nodes -n team-a', () => {
    const a = check('as=alice&verb=get&resource=nodes&name=n1&namespace=team-a');
    expect(namespaceOf(a.request)).toBe('');
    expect(a.allowed).toBe(false);
    expect(a.nearMisses.map((m) => m.message)).toEqual([
      'RoleBinding nodes-in-team-a in namespace team-a names nodes, but they are cluster-scoped: only a ClusterRoleBinding grants them.',
    ]);
  });

  it('with a discovery catalog too', () => {
    const catalog = [
      { resource: 'namespaces', group: '', namespaced: false },
      { resource: 'clusterroles', group: 'rbac.authorization.k8s.io', namespaced: false },
      { resource: 'nodes', group: '', namespaced: false },
    ];
    const ns = (search: string) => namespaceOf(parseWhoCanQuestion(q(search), catalog));
    expect(ns('verb=get&resource=namespaces&name=team-a')).toBe('team-a');
    expect(ns('verb=bind&resource=clusterroles&name=view&namespace=team-a')).toBe('team-a');
    expect(ns('verb=get&resource=nodes&name=n1&namespace=team-a')).toBe('');
  });
});
