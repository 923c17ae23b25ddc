import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FINDING_QUERY,
  findingSearch,
  parseFindingQuery,
  severityHref,
} from './finding-query';

const parse = (params: Record<string, string | string[]>) => {
  const p = parseFindingQuery(params);
  if (!p.ok) throw new Error(p.error);
  return p;
};

describe('parseFindingQuery', () => {
  it.each([
    [{}, { severities: [], includeExpected: false }],
    [{ namespace: 'team-b' }, { severities: [], includeExpected: false, namespace: 'team-b' }],
    [
      { namespace: 'team-b', clusterwide: '0' },
      { severities: [], includeExpected: false, namespace: 'team-b', clusterWide: false },
    ],
    [{ namespace: '*' }, { severities: [], includeExpected: false, namespace: '' }],
    [
      { namespace: '*', clusterwide: '0' },
      { severities: [], includeExpected: false, namespace: '' },
    ],
    [
      { severity: 'critical,high', rule: 'pod-exec', all: '1' },
      { severities: ['critical', 'high'], includeExpected: true, rule: 'pod-exec' },
    ],
  ])('%j', (params, filter) => {
    expect(parse(params).filter).toEqual(filter);
  });

  it('rejects an unknown severity', () => {
    expect(parseFindingQuery({ severity: 'severe' })).toMatchObject({ ok: false });
  });
});

describe('severityHref: a severity tile keeps the other filters', () => {
  it.each([
    [{}, 'high', '/findings?severity=high'],
    [
      { namespace: 'team-b', rule: 'pod-exec', all: '1' },
      'medium',
      '/findings?severity=medium&namespace=team-b&rule=pod-exec&all=1',
    ],
    [
      { namespace: 'team-b', clusterwide: '0', severity: 'low,high' },
      'critical',
      '/findings?severity=critical&namespace=team-b&clusterwide=0',
    ],
    [{ namespace: '*' }, 'low', '/findings?severity=low&namespace=*'],
    [{ format: 'csv' }, 'low', '/findings?severity=low'],
  ])('%j + %s → %s', (params, severity, href) => {
    expect(severityHref(parse(params).query, severity)).toBe(href);
  });

  it('asks for what it shows: parsing the link gives the same filter with that severity', () => {
    const q = parse({ namespace: 'team-b', clusterwide: '0', rule: 'read-secrets', all: 'on' });
    const again = parse(
      Object.fromEntries(new URLSearchParams(severityHref(q.query, 'high').split('?')[1])),
    );
    expect(again.filter).toEqual({ ...q.filter, severities: ['high'] });
  });

  it('the default query asks for nothing in particular', () => {
    expect(findingSearch(DEFAULT_FINDING_QUERY).toString()).toBe('');
  });
});
