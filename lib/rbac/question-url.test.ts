import { describe, expect, it } from 'vitest';
import { parseCheckQuestion } from './question-params';
import {
  checkHref,
  EMPTY_FIELDS,
  fieldsFromSearch,
  searchFromFields,
  splitGroups,
  whoCanHref,
  type QuestionFields,
} from './question-url';

const fields = (f: Partial<QuestionFields>): QuestionFields => ({ ...EMPTY_FIELDS, ...f });

describe('searchFromFields: a form becomes a URL question', () => {
  it.each([
    [
      fields({
        as: 'system:serviceaccount:default:myapp1',
        verb: 'list',
        resource: 'pods',
        namespace: 'default',
      }),
      'as=system%3Aserviceaccount%3Adefault%3Amyapp1&verb=list&resource=pods&namespace=default',
    ],
    [
      fields({ as: ' bob ', groups: 'sre, oncall  devs', verb: 'get', resource: 'pods' }),
      'as=bob&group=sre&group=oncall&group=devs&verb=get&resource=pods',
    ],
    [
      fields({ verb: 'create', resource: 'deployments.apps', allNamespaces: true, namespace: 'x' }),
      'verb=create&resource=deployments&apiGroup=apps&namespace=',
    ],
    [
      fields({ verb: 'get', resource: 'pods/log', name: 'web-0', namespace: 'dev' }),
      'verb=get&resource=pods&subresource=log&name=web-0&namespace=dev',
    ],
    [
      fields({ verb: 'get', resource: 'deployments.apps/scale' }),
      'verb=get&resource=deployments&apiGroup=apps&subresource=scale',
    ],
    [
      fields({ verb: 'get', resource: 'widgets.example.com', apiGroup: 'other.io' }),
      'verb=get&resource=widgets.example.com&apiGroup=other.io',
    ],
    [
      fields({
        as: 'u',
        verb: 'get',
        mode: 'url',
        url: '/healthz',
        resource: 'pods',
        namespace: 'x',
      }),
      'as=u&verb=get&url=%2Fhealthz',
    ],
  ])('%j', (f, expected) => {
    expect(searchFromFields(f, { withSubject: true }).toString()).toBe(expected);
  });

  it('leaves the subject out for who-can', () => {
    expect(
      searchFromFields(fields({ as: 'u', groups: 'g', verb: 'list', resource: 'pods' }), {
        withSubject: false,
      }).toString(),
    ).toBe('verb=list&resource=pods');
  });

  it('round-trips through the URL: fields → URL → fields → same question', () => {
    const f = fields({
      as: 'system:serviceaccount:team-a:backend',
      groups: 'a, b',
      verb: 'get',
      resource: 'configmaps',
      name: 'app-config',
      namespace: 'team-a',
    });
    const search = searchFromFields(f, { withSubject: true });
    const record: Record<string, string[]> = {};
    for (const [k, v] of search) (record[k] ??= []).push(v);
    expect(fieldsFromSearch(record)).toEqual({ ...f, groups: 'a, b' });
    expect(parseCheckQuestion(search).attributes).toEqual({
      verb: 'get',
      resource: 'configmaps',
      apiGroup: '',
      namespace: 'team-a',
      name: 'app-config',
    });
  });
});

describe('fieldsFromSearch', () => {
  it.each([
    [{}, EMPTY_FIELDS],
    [{ namespace: '' }, fields({ allNamespaces: true })],
    [{ url: '/metrics', verb: 'get' }, fields({ url: '/metrics', verb: 'get', mode: 'url' })],
    [{ group: ['a', 'b'], 'as-group': 'c' }, fields({ groups: 'a, b, c' })],
  ])('%j', (input, expected) => {
    expect(fieldsFromSearch(input)).toEqual(expected);
  });
});

describe('links to questions', () => {
  it('checkHref asks the same request again for a user and groups', () => {
    expect(
      checkHref(
        { user: 'system:serviceaccount:default:myapp1' },
        { verb: 'list', resource: 'pods', apiGroup: '', namespace: 'default' },
      ),
    ).toBe(
      '/check?as=system%3Aserviceaccount%3Adefault%3Amyapp1&verb=list&resource=pods&namespace=default',
    );
    expect(
      checkHref({ user: '', groups: ['sre'] }, { verb: 'get', nonResourceURL: '/metrics' }),
    ).toBe('/check?group=sre&verb=get&url=%2Fmetrics');
  });

  it('whoCanHref keeps an empty namespace, so cluster-wide stays cluster-wide', () => {
    expect(
      whoCanHref({
        verb: 'list',
        resource: 'deployments',
        apiGroup: 'apps',
        namespace: '',
        subresource: 'scale',
      }),
    ).toBe('/who-can?verb=list&resource=deployments&apiGroup=apps&subresource=scale&namespace=');
  });

  it('splitGroups splits on commas and spaces', () => {
    expect(splitGroups(' a,b  c,, ')).toEqual(['a', 'b', 'c']);
  });
});
