import { describe, expect, it } from 'vitest';
import { Authorizer } from '../rbac/authorizer';
import { serviceAccountIdentity } from '../rbac/identity';
import { permissionsMatrix } from '../rbac/permissions-matrix';
import {
  aggregated,
  binding,
  clusterBinding,
  clusterRole,
  labelled,
  named,
  role,
  rule,
  snapshot,
} from '../rbac/test-builders';
import type { RbacSnapshot } from '../rbac/types';
import { applyToSnapshot, diffMatrices, matrixAllows, previewEffect } from './preview-effect';
import { buildObjects } from './build-objects';
import { defaultSpec, validateSpec, type WizardSpec } from './wizard-spec';

const spec = (edit: (s: WizardSpec) => void = () => {}): WizardSpec => {
  const s = defaultSpec();
  edit(s);
  expect(validateSpec(s)).toEqual([]);
  return s;
};

/** A change in one line: `added default pods get`. */
const lines = (effect: ReturnType<typeof previewEffect>, i = 0) =>
  effect.subjects[i]!.changes.map((c) =>
    [
      c.change,
      c.namespace || '(cluster)',
      `${c.apiGroup ? `${c.apiGroup}/` : ''}${c.resource}`,
      c.verb,
      c.access === 'some' ? `[${c.resourceNames!.join(',')}]` : '',
    ]
      .join(' ')
      .trim(),
  );

/** The seed story's objects as they would be in a cluster already. */
const seeded = (): RbacSnapshot => {
  const s = snapshot(
    role('default', 'pod-reader', rule('get,list', '', 'pods')),
    named('read-pods', binding('default', 'Role:pod-reader', 'ServiceAccount:default:myapp1')),
  );
  s.serviceAccounts.push({ name: 'myapp1', namespace: 'default' });
  return s;
};

describe('previewEffect', () => {
  it('shows a new ServiceAccount gaining get and list on pods in default, and nothing else', () => {
    const effect = previewEffect(snapshot(clusterRole('view', rule('get', '', 'pods'))), spec());
    expect(effect.objects.map((o) => `${o.kind} ${o.status}`)).toEqual([
      'ServiceAccount new',
      'Role new',
      'RoleBinding new',
      'Pod new',
    ]);
    expect(effect.subjects.map((s) => s.label)).toEqual(['ServiceAccount default/myapp1']);
    expect(lines(effect)).toEqual(['added default pods get', 'added default pods list']);
    const [added] = effect.subjects[0]!.changes;
    expect(added!.via).toEqual([
      'RoleBinding default/read-pods → Role pod-reader → get, list on pods',
    ]);
    const after = effect.subjects[0]!.after;
    const pods = { apiGroup: '', resource: 'pods' };
    expect(matrixAllows(after, { ...pods, namespace: 'default', verb: 'list' })).toBe(true);
    expect(matrixAllows(after, { ...pods, namespace: 'default', verb: 'get', name: 'x' })).toBe(
      true,
    );
    expect(matrixAllows(after, { ...pods, namespace: 'default', verb: 'delete' })).toBe(false);
    expect(matrixAllows(after, { ...pods, namespace: 'kube-system', verb: 'list' })).toBe(false);
    expect(matrixAllows(after, { ...pods, namespace: '', verb: 'list' })).toBe(false);
    expect(
      matrixAllows(effect.subjects[0]!.before, { ...pods, namespace: 'default', verb: 'list' }),
    ).toBe(false);
    expect(effect.risks).toEqual([]);
  });

  it('says that objects already there are unchanged and change nothing (the demo case)', () => {
    const effect = previewEffect(
      seeded(),
      spec((s) => (s.pod.enabled = false)),
    );
    expect(effect.objects.map((o) => `${o.kind} ${o.status}`)).toEqual([
      'ServiceAccount unchanged',
      'Role unchanged',
      'RoleBinding unchanged',
    ]);
    expect(lines(effect)).toEqual([]);
    expect(
      matrixAllows(effect.subjects[0]!.after, {
        namespace: 'default',
        apiGroup: '',
        resource: 'pods',
        verb: 'list',
      }),
    ).toBe(true);
  });

  it('shows who loses access when the draft replaces an existing binding', () => {
    const effect = previewEffect(
      seeded(),
      spec((s) => {
        s.serviceAccount.name = s.binding.subjects[0]!.name = s.pod.name = 'myapp2';
      }),
    );
    expect(effect.objects.find((o) => o.kind === 'RoleBinding')!.status).toBe('changed');
    expect(effect.subjects.map((s) => [s.label, s.affected ?? false])).toEqual([
      ['ServiceAccount default/myapp2', false],
      ['ServiceAccount default/myapp1', true],
    ]);
    expect(lines(effect, 0)).toEqual(['added default pods get', 'added default pods list']);
    expect(lines(effect, 1)).toEqual(['removed default pods get', 'removed default pods list']);
  });

  it('shows what changes for everyone bound to a role the draft rewrites', () => {
    const before = seeded();
    before.roleBindings.push(named('ops', binding('default', 'Role:pod-reader', 'User:alice')));
    const effect = previewEffect(
      before,
      spec((s) => (s.role.rules[0]!.verbs = ['get', 'list', 'watch'])),
    );
    expect(effect.objects.find((o) => o.kind === 'Role')!.status).toBe('changed');
    expect(effect.subjects.map((s) => s.label)).toEqual([
      'ServiceAccount default/myapp1',
      'User alice',
    ]);
    expect(lines(effect, 0)).toEqual(['added default pods watch']);
    expect(lines(effect, 1)).toEqual(['added default pods watch']);
  });

  it('reports a ClusterRoleBinding once, cluster-wide, not again for each namespace', () => {
    const before = snapshot(
      role('team-a', 'cm', rule('get', '', 'configmaps')),
      binding('team-a', 'Role:cm', 'ServiceAccount:default:myapp1'),
    );
    const effect = previewEffect(
      before,
      spec((s) => {
        s.role.kind = 'ClusterRole';
        s.binding.kind = 'ClusterRoleBinding';
      }),
    );
    expect(effect.subjects[0]!.after.scopes.map((s) => s.namespace)).toEqual(['', 'team-a']);
    expect(lines(effect)).toEqual(['added (cluster) pods get', 'added (cluster) pods list']);
  });

  it('shows a grant that widens from named objects to all of them', () => {
    const before = snapshot(
      role('default', 'pod-reader', rule('get', '', 'configmaps', 'app-config')),
      named('read-pods', binding('default', 'Role:pod-reader', 'ServiceAccount:default:myapp1')),
    );
    const effect = previewEffect(
      before,
      spec(
        (s) =>
          (s.role.rules[0] = {
            apiGroups: [''],
            resources: ['configmaps'],
            verbs: ['get'],
            resourceNames: [],
          }),
      ),
    );
    const [change, ...rest] = effect.subjects[0]!.changes;
    expect(rest).toEqual([]);
    expect(change).toMatchObject({
      change: 'changed',
      namespace: 'default',
      resource: 'configmaps',
      verb: 'get',
      access: 'all',
      was: { access: 'some', resourceNames: ['app-config'] },
    });
  });

  it('warns through the findings engine, telling new risks from ones held today', () => {
    const before = snapshot(
      role('default', 'secret-reader', rule('get', '', 'secrets')),
      binding('default', 'Role:secret-reader', 'ServiceAccount:default:myapp1'),
    );
    const effect = previewEffect(
      before,
      spec((s) => {
        s.role.rules.push({
          apiGroups: [''],
          resources: ['pods/exec'],
          verbs: ['create'],
          resourceNames: [],
        });
      }),
    );
    expect(
      effect.risks.map((r) => [r.finding.rule, r.finding.namespace, r.isNew, r.finding.message]),
    ).toEqual([
      [
        'pod-exec',
        'default',
        true,
        'ServiceAccount default/myapp1 can exec, attach or port-forward into pods in namespace default.',
      ],
      [
        'read-secrets',
        'default',
        false,
        'ServiceAccount default/myapp1 can read secrets in namespace default.',
      ],
    ]);
  });

  it('flags cluster-wide risks as cluster-wide', () => {
    const effect = previewEffect(
      snapshot(),
      spec((s) => {
        s.role.kind = 'ClusterRole';
        s.binding.kind = 'ClusterRoleBinding';
        s.role.rules[0] = { apiGroups: ['*'], resources: ['*'], verbs: ['*'], resourceNames: [] };
      }),
    );
    expect(effect.risks[0]).toMatchObject({
      isNew: true,
      finding: { rule: 'everything', severity: 'critical', namespace: '' },
    });
  });

  it('notes what kubectl apply cannot do: change a roleRef, a Pod, or an aggregated ClusterRole', () => {
    const before = seeded();
    before.roleBindings[0] = named(
      'read-pods',
      binding('default', 'ClusterRole:view', 'ServiceAccount:default:myapp1'),
    );
    before.pods.push({ name: 'myapp1', namespace: 'default', serviceAccountName: 'default' });
    before.clusterRoles.push(aggregated('pod-reader', [{ matchLabels: { x: 'y' } }]));
    const effect = previewEffect(before, spec());
    const note = (kind: string) => effect.objects.find((o) => o.kind === kind)?.note ?? '';
    expect(note('RoleBinding')).toMatch(
      /exists with roleRef ClusterRole view\. A roleRef cannot be changed/,
    );
    expect(note('Pod')).toMatch(/already exists in default.*cannot be changed/);
    const aggregatedRole = previewEffect(
      before,
      spec((s) => {
        s.role.kind = 'ClusterRole';
        s.binding.kind = 'ClusterRoleBinding';
      }),
    );
    expect(aggregatedRole.objects.find((o) => o.kind === 'ClusterRole')!.note).toMatch(
      /aggregated today/,
    );
  });

  it('shows and flags what changes for everyone bound to a ClusterRole aggregating a rewritten one', () => {
    const toView = { 'example.com/aggregate-to-view': 'true' };
    const toEdit = { 'rbac.example.com/aggregate-to-edit': 'true' };
    const before = snapshot(
      labelled(clusterRole('pod-reader', rule('get', '', 'pods')), toView),
      // view aggregates pod-reader; edit aggregates view: a chain of two.
      labelled(aggregated('view', [{ matchLabels: toView }], [rule('get', '', 'pods')]), toEdit),
      aggregated('edit', [{ matchLabels: toEdit }], [rule('get', '', 'pods')]),
      named('devs-view', clusterBinding('ClusterRole:view', 'Group:devs')),
      named('alice-edit', binding('team-a', 'ClusterRole:edit', 'User:alice')),
      named('bob-other', binding('team-a', 'Role:other', 'User:bob')),
    );
    const effect = previewEffect(
      before,
      spec((s) => {
        s.role.kind = 'ClusterRole';
        s.role.rules.push({
          apiGroups: [''],
          resources: ['secrets'],
          verbs: ['get'],
          resourceNames: [],
        });
      }),
    );
    expect(effect.objects.find((o) => o.kind === 'ClusterRole')).toMatchObject({
      status: 'changed',
      note: 'The labels of ClusterRole pod-reader, which kubectl apply keeps, make ClusterRoles edit, view aggregate it: everyone bound to them gets these rules too.',
    });
    expect(effect.subjects.map((s) => [s.label, s.affected ?? false])).toEqual([
      ['ServiceAccount default/myapp1', false],
      ['User alice', true],
      ['Group devs', true],
    ]);
    expect(lines(effect, 1)).toEqual(['added team-a pods list', 'added team-a secrets get']);
    expect(lines(effect, 2)).toEqual(['added (cluster) pods list', 'added (cluster) secrets get']);
    expect(effect.subjects[2]!.changes[1]!.via).toEqual([
      'ClusterRoleBinding devs-view → ClusterRole view (aggregated from pod-reader) → get on secrets',
    ]);
    // The findings engine judges them too: whoever the draft hands secrets to is flagged.
    expect(
      effect.risks
        .filter((r) => r.finding.rule === 'read-secrets')
        .map((r) => [r.finding.message, r.isNew]),
    ).toEqual(
      expect.arrayContaining([
        ['Group devs can read secrets cluster-wide.', true],
        ['User alice can read secrets in namespace team-a.', true],
      ]),
    );
  });

  it('keeps the aggregationRule of an aggregated ClusterRole it rewrites: the rules come from aggregation', () => {
    const before = snapshot(
      labelled(clusterRole('extra', rule('get', '', 'configmaps')), { x: 'y' }),
      aggregated('pod-reader', [{ matchLabels: { x: 'y' } }], [rule('get', '', 'configmaps')]),
    );
    const effect = previewEffect(
      before,
      spec((s) => (s.role.kind = 'ClusterRole')),
    );
    const status = effect.objects.find((o) => o.kind === 'ClusterRole')!;
    expect(status.note).toMatch(/aggregationRule.*rules written here will be overwritten/);
    // kubectl apply leaves the aggregationRule: the controller restores the union of the
    // selected roles, so the binding grants configmaps, not the pods the draft writes.
    expect(lines(effect)).toEqual(['added default configmaps get']);
  });

  it('shows get namespaces through a RoleBinding as get on its own namespace only', () => {
    const effect = previewEffect(
      snapshot(),
      spec((s) => (s.role.rules[0]!.resources = ['namespaces'])),
    );
    expect(lines(effect)).toEqual(['added default namespaces get [default]']);
  });

  it('includes every subject of the binding after the ServiceAccount', () => {
    const effect = previewEffect(
      snapshot(),
      spec((s) => s.binding.subjects.push({ kind: 'Group', name: 'devs', namespace: '' })),
    );
    expect(effect.subjects.map((s) => s.label)).toEqual([
      'ServiceAccount default/myapp1',
      'Group devs',
    ]);
    expect(lines(effect, 1)).toEqual(['added default pods get', 'added default pods list']);
  });

  it('reuses a given authorizer for the data as it is', () => {
    const before = seeded();
    const authz = new Authorizer(before);
    expect(previewEffect(before, spec(), { before: authz })).toEqual(previewEffect(before, spec()));
  });
});

describe('applyToSnapshot', () => {
  it('copies: the snapshot it is given is left alone', () => {
    const before = seeded();
    const copy = structuredClone(before);
    applyToSnapshot(before, buildObjects(spec((s) => (s.role.rules[0]!.verbs = ['get']))));
    expect(before).toEqual(copy);
  });
});

describe('matrixAllows', () => {
  const authz = new Authorizer(
    snapshot(
      role(
        'default',
        'r',
        rule('get', '', 'configmaps', 'a'),
        rule('get', 'apps', '*/scale'),
        rule('list', '', '*'),
      ),
      binding('default', 'Role:r', 'ServiceAccount:default:myapp1'),
      clusterRole('nodes', rule('get', '', 'nodes')),
      clusterBinding('ClusterRole:nodes', 'ServiceAccount:default:myapp1'),
    ),
  );
  const m = permissionsMatrix(authz, serviceAccountIdentity('default', 'myapp1'));
  it.each<[string, Parameters<typeof matrixAllows>[1], boolean]>([
    [
      'a named object by its name',
      { namespace: 'default', apiGroup: '', resource: 'configmaps', verb: 'get', name: 'a' },
      true,
    ],
    [
      'a named object by another name',
      { namespace: 'default', apiGroup: '', resource: 'configmaps', verb: 'get', name: 'b' },
      false,
    ],
    [
      'a named object without a name',
      { namespace: 'default', apiGroup: '', resource: 'configmaps', verb: 'get' },
      false,
    ],
    [
      'a */scale subresource',
      {
        namespace: 'default',
        apiGroup: 'apps',
        resource: 'deployments',
        subresource: 'scale',
        verb: 'get',
      },
      true,
    ],
    [
      'the resource of a */scale rule',
      { namespace: 'default', apiGroup: 'apps', resource: 'deployments', verb: 'get' },
      false,
    ],
    [
      'a * resource',
      { namespace: 'default', apiGroup: '', resource: 'secrets', verb: 'list' },
      true,
    ],
    [
      'a * resource in another namespace',
      { namespace: 'team-a', apiGroup: '', resource: 'secrets', verb: 'list' },
      false,
    ],
    [
      'a cluster-wide grant in any namespace',
      { namespace: 'team-a', apiGroup: '', resource: 'nodes', verb: 'get' },
      true,
    ],
    [
      'a cluster-wide grant cluster-wide',
      { namespace: '', apiGroup: '', resource: 'nodes', verb: 'get' },
      true,
    ],
  ])('%s', (_name, q, allowed) => {
    expect(matrixAllows(m, q)).toBe(allowed);
    // The matrix says what the authorizer decides.
    expect(
      authz.canI(serviceAccountIdentity('default', 'myapp1'), {
        verb: q.verb,
        namespace: q.namespace,
        apiGroup: q.apiGroup,
        resource: q.resource,
        ...(q.subresource ? { subresource: q.subresource } : {}),
        ...(q.name ? { name: q.name } : {}),
      }).allowed,
    ).toBe(allowed);
  });

  it('diffs identical matrices to nothing', () => {
    expect(diffMatrices(m, m)).toEqual([]);
  });
});

describe('diffMatrices and wildcards', () => {
  it('does not call a grant new when a wildcard already gave it', () => {
    const before = snapshot(
      clusterRole('cluster-admin', rule('*', '*', '*'), { verbs: ['*'], nonResourceURLs: ['*'] }),
      clusterBinding('ClusterRole:cluster-admin', 'ServiceAccount:default:myapp1'),
    );
    const effect = previewEffect(
      before,
      spec((s) => {
        s.role.rules.push({
          apiGroups: ['apps'],
          resources: ['deployments/scale'],
          verbs: ['update'],
          resourceNames: [],
        });
        s.role.rules.push({
          apiGroups: [''],
          resources: ['configmaps'],
          verbs: ['get'],
          resourceNames: ['a'],
        });
      }),
    );
    expect(effect.subjects[0]!.changes).toEqual([]);
    // The rows are there, as the rules name them; they are just not news.
    const scope = effect.subjects[0]!.after.scopes.find((x) => x.namespace === 'default')!;
    expect(scope.rows.map((r) => r.resource)).toEqual(
      expect.arrayContaining(['pods', 'deployments/scale']),
    );
  });

  it('does not call a grant lost when a wildcard still gives it', () => {
    const before = snapshot(
      role('default', 'pod-reader', rule('get', '', 'pods')),
      named('read-pods', binding('default', 'Role:pod-reader', 'ServiceAccount:default:myapp1')),
    );
    const effect = previewEffect(
      before,
      spec(
        (s) =>
          (s.role.rules[0] = {
            apiGroups: [''],
            resources: ['*'],
            verbs: ['get'],
            resourceNames: [],
          }),
      ),
    );
    expect(lines(effect)).toEqual(['added default * get']);
  });
});
