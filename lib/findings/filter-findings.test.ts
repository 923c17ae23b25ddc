import { describe, expect, it } from 'vitest';
import type { Finding } from './find-risks';
import { countBySeverity, filterFindings, findingsToCsv } from './filter-findings';

const f = (over: Partial<Finding>): Finding => ({
  id: 'x',
  rule: 'read-secrets',
  severity: 'high',
  subject: { kind: 'User', name: 'u' },
  namespace: '',
  message: 'User u can read secrets cluster-wide.',
  why: 'why',
  paths: [],
  expected: false,
  ...over,
});

describe('filterFindings', () => {
  const all = [
    f({ severity: 'critical' }),
    f({ namespace: 'a', severity: 'medium' }),
    f({ expected: true }),
    f({ rule: 'pod-exec' }),
  ];
  it.each([
    [{}, 3],
    [{ includeExpected: true }, 4],
    [{ severities: ['critical' as const] }, 1],
    [{ namespace: 'a' }, 1],
    [{ namespace: '' }, 2],
    [{ rule: 'pod-exec' }, 1],
  ])('%j → %i', (filter, n) => {
    expect(filterFindings(all, filter)).toHaveLength(n);
  });
  it('counts by severity', () => {
    expect(countBySeverity(all)).toEqual({ critical: 1, high: 2, medium: 1, low: 0 });
  });
});

describe('findingsToCsv', () => {
  it('quotes commas, quotes, newlines and formula-like cells', () => {
    const csv = findingsToCsv([
      f({ message: 'a, "b"\nc', subject: { kind: 'User', name: '=cmd()' } }),
    ]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(
      'severity,rule,subject_kind,subject_namespace,subject_name,namespace,message,why,via,expected',
    );
    expect(row).toBe('high,read-secrets,User,,"=cmd()",,"a, ""b""\nc",why,,false');
  });
});
