import { describe, expect, it } from 'vitest';
import { QuestionError } from './parse-type';
import {
  hasQuestion,
  parseCheckQuestion,
  parseWhoCanQuestion,
  readQuestionParams,
} from './question-params';

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
