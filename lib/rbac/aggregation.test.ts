import { describe, expect, it } from 'vitest';
import { resolveAggregation } from './aggregation';
import { Authorizer } from './authorizer';
import { aggregated, clusterBinding, clusterRole, labelled, rule, snapshot } from './test-builders';

const agg = (label: string) => ({ [`rbac.example.com/aggregate-to-${label}`]: 'true' });
const sel = (label: string) => ({ matchLabels: agg(label) });

describe('resolveAggregation, as the aggregation controller leaves roles', () => {
  it('takes the union of the matching roles, in name order, without duplicates', () => {
    const roles = [
      aggregated('monitoring', [sel('monitoring')]),
      labelled(
        clusterRole('b-pods', rule('get', '', 'pods'), rule('list', '', 'pods')),
        agg('monitoring'),
      ),
      labelled(
        clusterRole('a-services', rule('get', '', 'services'), rule('get', '', 'pods')),
        agg('monitoring'),
      ),
      clusterRole('unlabelled', rule('*', '*', '*')),
    ];
    const { rules, warnings } = resolveAggregation(roles);
    expect(
      rules
        .get('monitoring')!
        .map((r) => [r.rule.verbs[0], r.rule.resources![0], r.aggregatedFrom]),
    ).toEqual([
      ['get', 'services', 'a-services'],
      ['get', 'pods', 'a-services'],
      ['list', 'pods', 'b-pods'],
    ]);
    expect(warnings).toEqual([expect.stringContaining('ClusterRole monitoring is aggregated')]);
  });

  it('ORs selectors, and each selector ANDs its terms', () => {
    const roles = [
      aggregated('x', [
        { matchLabels: { a: '1', b: '1' } },
        { matchExpressions: [{ key: 'c', operator: 'In', values: ['yes'] }] },
      ]),
      labelled(clusterRole('only-a', rule('get', '', 'a')), { a: '1' }),
      labelled(clusterRole('a-and-b', rule('get', '', 'ab')), { a: '1', b: '1' }),
      labelled(clusterRole('c', rule('get', '', 'c')), { c: 'yes' }),
      labelled(clusterRole('c-no', rule('get', '', 'c-no')), { c: 'no' }),
    ];
    const got = resolveAggregation(roles)
      .rules.get('x')!
      .map((r) => r.rule.resources![0]);
    expect(got).toEqual(['ab', 'c']);
  });

  it('supports NotIn, Exists and DoesNotExist', () => {
    const roles = [
      aggregated('x', [
        {
          matchExpressions: [
            { key: 'tier', operator: 'Exists' },
            { key: 'tier', operator: 'NotIn', values: ['secret'] },
            { key: 'deprecated', operator: 'DoesNotExist' },
          ],
        },
      ]),
      labelled(clusterRole('web', rule('get', '', 'web')), { tier: 'web' }),
      labelled(clusterRole('vault', rule('get', '', 'vault')), { tier: 'secret' }),
      labelled(clusterRole('old', rule('get', '', 'old')), { tier: 'web', deprecated: 'true' }),
      clusterRole('none', rule('get', '', 'none')),
    ];
    expect(
      resolveAggregation(roles)
        .rules.get('x')!
        .map((r) => r.rule.resources![0]),
    ).toEqual(['web']);
  });

  it('follows chains: admin ← edit ← view', () => {
    const roles = [
      aggregated('admin', [sel('admin')]),
      labelled(aggregated('edit', [sel('edit')]), agg('admin')),
      labelled(aggregated('view', [sel('view')]), agg('edit')),
      labelled(clusterRole('aggregate-to-view', rule('get', '', 'pods')), agg('view')),
      labelled(clusterRole('aggregate-to-edit', rule('create', '', 'pods')), agg('edit')),
      labelled(
        clusterRole('aggregate-to-admin', rule('create', 'rbac.authorization.k8s.io', 'roles')),
        agg('admin'),
      ),
    ];
    const { rules } = resolveAggregation(roles);
    const names = (n: string) =>
      rules
        .get(n)!
        .map((r) => `${r.rule.verbs[0]} ${r.rule.resources![0]}`)
        .sort();
    expect(names('view')).toEqual(['get pods']);
    expect(names('edit')).toEqual(['create pods', 'get pods']);
    expect(names('admin')).toEqual(['create pods', 'create roles', 'get pods']);
    expect(rules.get('admin')!.find((r) => r.rule.verbs[0] === 'get')!.aggregatedFrom).toBe(
      'aggregate-to-view',
    );
  });

  it('an empty selector selects every other ClusterRole; a role never selects itself', () => {
    const roles = [
      labelled(aggregated('all', [{}]), { x: '1' }),
      clusterRole('one', rule('get', '', 'one')),
      clusterRole('two', rule('get', '', 'two')),
    ];
    expect(
      resolveAggregation(roles)
        .rules.get('all')!
        .map((r) => r.rule.resources![0]),
    ).toEqual(['one', 'two']);
  });

  it('replaces stored rules, and says so when they differ', () => {
    const roles = [
      aggregated('x', [sel('x')], [rule('*', '*', '*')]),
      labelled(clusterRole('p', rule('get', '', 'pods')), agg('x')),
    ];
    const { rules, warnings } = resolveAggregation(roles);
    expect(rules.get('x')!.map((r) => r.rule)).toEqual([rule('get', '', 'pods')]);
    expect(warnings[0]).toMatch(/1 rules missing, 1 extra/);
  });

  it('keeps the stored rules when the selectors select no rules (an apply without rules)', () => {
    const roles = [
      aggregated('x', [sel('x')], [rule('*', '*', '*')]),
      labelled(clusterRole('empty'), agg('x')),
      labelled(aggregated('y', [sel('y')], [rule('get', '', 'secrets')]), agg('z')),
      aggregated('z', [sel('z')]),
    ];
    const { rules, warnings } = resolveAggregation(roles);
    expect(rules.get('x')!.map((r) => r.rule)).toEqual([rule('*', '*', '*')]);
    // What a kept role has is what the roles aggregating it get.
    expect(rules.get('z')!.map((r) => [r.rule, r.aggregatedFrom])).toEqual([
      [rule('get', '', 'secrets'), 'y'],
    ]);
    // Only z's stored rules are not yet what the controller will leave.
    expect(warnings).toEqual([expect.stringContaining('ClusterRole z is aggregated')]);
  });

  it('is quiet when the stored rules are what aggregation gives (nil and empty lists alike)', () => {
    const roles = [
      aggregated('x', [sel('x')], [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]),
      labelled(
        clusterRole('p', {
          verbs: ['get'],
          apiGroups: [''],
          resources: ['pods'],
          resourceNames: [],
        }),
        agg('x'),
      ),
    ];
    expect(resolveAggregation(roles).warnings).toEqual([]);
  });

  it('terminates on cycles', () => {
    const roles = [
      labelled(aggregated('a', [sel('a')], [rule('get', '', 'a')]), agg('b')),
      labelled(aggregated('b', [sel('b')], [rule('get', '', 'b')]), agg('a')),
    ];
    expect(() => resolveAggregation(roles)).not.toThrow();
  });

  it('the authorizer grants through aggregated rules', () => {
    const authz = new Authorizer(
      snapshot(
        aggregated('monitoring', [sel('monitoring')]),
        labelled(clusterRole('pods', rule('get,list', '', 'pods')), agg('monitoring')),
        clusterBinding('ClusterRole:monitoring', 'User:prom'),
      ),
    );
    const d = authz.canI(
      { user: 'prom', groups: [] },
      { verb: 'list', resource: 'pods', namespace: 'x' },
    );
    expect(d.allowed).toBe(true);
    expect(d.paths[0]!.aggregatedFrom).toBe('pods');
  });
});
