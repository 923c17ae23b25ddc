import { describe, expect, it } from 'vitest';
import { Authorizer } from './authorizer';
import { answerCheck, compareVerdicts } from './check-answer';
import { bindingNodeId, graphHref, pathNodeIds, roleNodeId, subjectNodeId } from './graph-link';
import { parseCheckQuestion } from './question-params';
import { describeSubjectDetail, UnknownSubjectError } from './subject-detail';
import { filterSubjects, parseSubjectFilter } from './subject-search';
import { subjectsOf } from './snapshot-index';
import {
  binding,
  clusterBinding,
  clusterRole,
  named,
  role,
  rule,
  snapshot,
  urlRule,
} from './test-builders';
import { groupWhoCan } from './who-can-groups';
import { QuestionError } from './parse-type';
import { checkExamples, whoCanExamples } from './question-examples';
import { isSystemSubject } from './system-subjects';
import type { Subject } from './types';

/** The story of the demo, small: myapp1 and its pod-reader, a group binding, cluster grants. */
function story() {
  const s = snapshot(
    role('default', 'pod-reader', rule('get,list', '', 'pods')),
    named('read-pods', binding('default', 'Role:pod-reader', 'ServiceAccount:default:myapp1')),
    role('dev', 'pod-reader-dev', rule('get,list', '', 'pods')),
    named('read-pods', binding('dev', 'Role:pod-reader-dev', 'ServiceAccount:default:myapp1')),
    clusterRole('view', rule('get,list,watch', '', 'pods,services')),
    named(
      'team-a-view',
      binding('team-a', 'ClusterRole:view', 'Group:system:serviceaccounts:team-a'),
    ),
    named('bob-view', clusterBinding('ClusterRole:view', 'User:bob@example.com')),
    clusterRole('metrics', urlRule('get', '/metrics')),
    named('prom', clusterBinding('ClusterRole:metrics', 'ServiceAccount:monitoring:prometheus')),
    named('ghost', binding('team-b', 'Role:legacy-worker', 'ServiceAccount:team-b:worker')),
    named('only-names', binding('default', 'ClusterRole:one-config', 'User:carol')),
    clusterRole('one-config', rule('get,list', '', 'configmaps', 'app-config')),
  );
  s.serviceAccounts.push(
    { namespace: 'default', name: 'myapp1' },
    { namespace: 'team-a', name: 'frontend' },
    { namespace: 'team-a', name: 'backend' },
    { namespace: 'team-b', name: 'worker' },
    { namespace: 'monitoring', name: 'prometheus' },
  );
  s.pods.push(
    { namespace: 'default', name: 'myapp1', serviceAccountName: 'myapp1' },
    { namespace: 'team-a', name: 'frontend-1', serviceAccountName: 'frontend' },
  );
  s.namespaces.push({ name: 'default' }, { name: 'dev' }, { name: 'team-a' });
  return new Authorizer(s);
}

const authz = story();
const check = (search: string) =>
  answerCheck(authz, parseCheckQuestion(new URLSearchParams(search)));
const MYAPP1 = 'as=system:serviceaccount:default:myapp1';

describe('answerCheck', () => {
  it('yes, through pod-reader, with the commands that ask the same thing', () => {
    const a = check(`${MYAPP1}&verb=list&resource=pods&namespace=default`);
    expect(a.allowed).toBe(true);
    expect(a.paths.map((p) => `${p.binding.name}/${p.role.name}`)).toEqual([
      'read-pods/pod-reader',
    ]);
    expect(a.reason).toBe(
      'RBAC: allowed by RoleBinding "read-pods/default" of Role "pod-reader" to ServiceAccount "myapp1/default"',
    );
    expect(a.kubectl.command).toBe(
      'kubectl auth can-i list pods --as=system:serviceaccount:default:myapp1 -n default',
    );
    expect(a.curl?.path).toBe('/api/v1/namespaces/default/pods');
    expect(a.nearMisses).toEqual([]);
    expect(a.warnings).toEqual([]);
  });

  it('no for delete, with the verb near miss', () => {
    const a = check(`${MYAPP1}&verb=delete&resource=pods&namespace=default`);
    expect(a.allowed).toBe(false);
    expect(a.reason).toBe('');
    expect(a.nearMisses.map((m) => m.kind)).toEqual(['verb']);
    expect(a.curl?.method).toBe('DELETE');
  });

  it('no in a namespace where only another RoleBinding grants it', () => {
    const a = check(`${MYAPP1}&verb=list&resource=pods&namespace=team-a`);
    expect(a.allowed).toBe(false);
    expect(a.nearMisses.map((m) => m.message)).toContain(
      'RoleBinding read-pods in namespace default would allow this in default, not in team-a (a RoleBinding grants only in its own namespace).',
    );
  });

  it('warns about a ServiceAccount the data does not have', () => {
    const a = check('as=system:serviceaccount:default:ghost&verb=get&resource=pods');
    expect(a.allowed).toBe(false);
    expect(a.warnings).toEqual([expect.stringMatching(/no ServiceAccount default\/ghost/)]);
  });

  it('gives no curl for users, for ServiceAccounts with other groups, or for verbs that are no request', () => {
    expect(check('as=bob@example.com&verb=list&resource=pods').curl).toBeUndefined();
    expect(check(`${MYAPP1}&group=x&verb=list&resource=pods`).curl).toBeUndefined();
    expect(check(`${MYAPP1}&verb=impersonate&resource=users`).curl).toBeUndefined();
  });

  it('a group alone', () => {
    const a = check(
      'group=system:serviceaccounts:team-a&verb=list&resource=services&namespace=team-a',
    );
    expect(a.allowed).toBe(true);
    expect(a.identity).toEqual({ user: '', groups: ['system:serviceaccounts:team-a'] });
    expect(a.kubectl.note).toBeDefined();
  });

  it('compareVerdicts says whether the API server agrees', () => {
    expect(compareVerdicts(true, { allowed: true })).toEqual({
      agree: true,
      text: 'The API server agrees: it allows this.',
    });
    const d = compareVerdicts(false, { allowed: true });
    expect(d.agree).toBe(false);
    expect(d.text).toMatch(/^The API server allows this, unlike RBAC here/);
  });
});

describe('groupWhoCan', () => {
  it('sorts subjects by kind, marks cluster-wide grants and lists what a group covers', () => {
    const g = groupWhoCan(
      authz.snapshot,
      authz.whoCan({ verb: 'list', resource: 'pods', apiGroup: '', namespace: 'team-a' }),
    );
    expect(g.serviceAccounts).toEqual([]);
    expect(g.users.map((u) => [u.name, u.clusterWide])).toEqual([['bob@example.com', true]]);
    expect(g.groups).toHaveLength(1);
    expect(g.groups[0]).toMatchObject({
      name: 'system:serviceaccounts:team-a',
      key: 'Group:system:serviceaccounts:team-a',
      clusterWide: false,
      coveredServiceAccountCount: 2,
      coveredServiceAccounts: [
        { namespace: 'team-a', name: 'backend' },
        { namespace: 'team-a', name: 'frontend' },
      ],
    });
    const inDefault = groupWhoCan(
      authz.snapshot,
      authz.whoCan({ verb: 'list', resource: 'pods', apiGroup: '', namespace: 'default' }),
    );
    expect(inDefault.serviceAccounts.map((s) => [s.key, s.clusterWide])).toEqual([
      ['ServiceAccount:default:myapp1', false],
    ]);
  });

  it('a group every ServiceAccount carries covers them all', () => {
    const a = new Authorizer(
      snapshot(
        clusterRole('disc', urlRule('get', '/api')),
        clusterBinding('ClusterRole:disc', 'Group:system:authenticated'),
      ),
    );
    a.snapshot.serviceAccounts.push({ namespace: 'b', name: 'y' }, { namespace: 'a', name: 'x' });
    const g = groupWhoCan(a.snapshot, a.whoCan({ verb: 'get', nonResourceURL: '/api' }));
    expect(g.groups[0]).toMatchObject({
      coveredServiceAccountCount: 2,
      coveredServiceAccounts: [
        { namespace: 'a', name: 'x' },
        { namespace: 'b', name: 'y' },
      ],
      coversEveryone: true,
      clusterWide: true,
    });
  });
});

describe('describeSubjectDetail', () => {
  it('a ServiceAccount: its bindings, roles, Pods and matrix', () => {
    const d = describeSubjectDetail(authz, 'ServiceAccount:default:myapp1');
    expect(d.exists).toBe(true);
    expect(d.directBindings).toBe(2);
    expect(d.bindings.map((b) => `${b.binding.name}@${b.namespace}`)).toEqual([
      'read-pods@default',
      'read-pods@dev',
    ]);
    expect(d.roles.map((r) => r.role.name).sort()).toEqual(['pod-reader', 'pod-reader-dev']);
    expect(d.pods?.map((p) => p.name)).toEqual(['myapp1']);
    expect(d.permissions.scopes.map((s) => s.namespace)).toEqual(['', 'default', 'dev']);
    const inDefault = d.permissions.scopes.find((s) => s.namespace === 'default')!;
    expect(inDefault.rows.map((r) => r.resource)).toEqual(['pods']);
    expect(Object.keys(inDefault.rows[0]!.cells).sort()).toEqual(['get', 'list']);
  });

  it('a ServiceAccount through its group, with its own namespace in the matrix', () => {
    const d = describeSubjectDetail(authz, 'ServiceAccount:team-a:frontend');
    expect(d.directBindings).toBe(0);
    expect(d.bindings.map((b) => [b.binding.name, b.via])).toEqual([
      ['team-a-view', { kind: 'Group', name: 'system:serviceaccounts:team-a' }],
    ]);
    expect(d.pods?.map((p) => p.name)).toEqual(['frontend-1']);
  });

  it('opens a ServiceAccount a ClusterRoleBinding names without its namespace', () => {
    const a = new Authorizer(
      snapshot(
        clusterRole('view', rule('get', '', 'pods')),
        named('ghost-view', clusterBinding('ClusterRole:view', 'ServiceAccount::ghost')),
      ),
    );
    expect(subjectsOf(a.snapshot).map((s) => s.key)).toContain('ServiceAccount::ghost');
    // Listed, so it opens (it was refused as "not a subject key"); it grants nothing, as the
    // API server matches such a subject to no ServiceAccount.
    const d = describeSubjectDetail(a, 'ServiceAccount::ghost');
    expect(d.subject).toEqual({ kind: 'ServiceAccount', name: 'ghost' });
    expect(d.exists).toBe(false);
    expect(d.bindings).toEqual([]);
  });

  it('says why the bindings that name a ServiceAccount without a namespace grant nothing', () => {
    const a = new Authorizer(
      snapshot(
        clusterRole('view', rule('get', '', 'pods')),
        named('ghost-view', clusterBinding('ClusterRole:view', 'ServiceAccount::ghost')),
        // Every authenticated user holds this; no request is the ghost, so it does not.
        named('discovery', clusterBinding('ClusterRole:view', 'Group:system:authenticated')),
      ),
    );
    const d = describeSubjectDetail(a, 'ServiceAccount::ghost');
    expect(d.directBindings).toBe(1);
    expect(d.unmatchedBindings).toEqual([
      {
        binding: { kind: 'ClusterRoleBinding', name: 'ghost-view' },
        role: { kind: 'ClusterRole', name: 'view' },
        reason:
          'names this ServiceAccount without a namespace, so the API server matches it to no ServiceAccount',
      },
    ]);
    expect(d.identity).toEqual({ user: '', groups: [] });
    expect(d.bindings).toEqual([]);
    expect(d.roles).toEqual([]);
    expect(d.permissions.scopes.flatMap((s) => s.rows)).toEqual([]);
    // A ServiceAccount with its namespace has none.
    expect(describeSubjectDetail(authz, 'ServiceAccount:default:myapp1').unmatchedBindings).toEqual(
      [],
    );
  });

  it("counts a RoleBinding's ServiceAccount without a namespace for the binding's namespace", () => {
    const a = new Authorizer(
      snapshot(
        role('ns', 'r', rule('get', '', 'pods')),
        named('local', binding('ns', 'Role:r', 'ServiceAccount::sa')),
      ),
    );
    const keys = subjectsOf(a.snapshot).map((s) => `${s.key} ${s.bindings}`);
    expect(keys).toEqual(['ServiceAccount:ns:sa 1']);
    const d = describeSubjectDetail(a, 'ServiceAccount:ns:sa');
    expect(d.directBindings).toBe(1);
    expect(d.bindings.map((b) => [b.binding.name, b.via])).toEqual([
      ['local', { kind: 'ServiceAccount', name: 'sa', namespace: 'ns' }],
    ]);
    expect(d.unmatchedBindings).toEqual([]);
  });

  it('lists the bindings that name it before those of its groups', () => {
    const a = new Authorizer(
      snapshot(
        clusterRole('disc', urlRule('get', '/api')),
        named('discovery', clusterBinding('ClusterRole:disc', 'Group:system:authenticated')),
        role('ns', 'r', rule('get', '', 'pods')),
        named('mine', binding('ns', 'Role:r', 'ServiceAccount:ns:sa')),
      ),
    );
    const d = describeSubjectDetail(a, 'ServiceAccount:ns:sa');
    expect(d.bindings.map((b) => [b.binding.name, b.via.kind])).toEqual([
      ['mine', 'ServiceAccount'],
      ['discovery', 'Group'],
    ]);
    // The API server's own order visits the ClusterRoleBinding first.
    expect(a.entriesFor(d.identity).map((e) => e.binding.name)).toEqual(['discovery', 'mine']);
  });

  it('marks a binding to a missing role', () => {
    const d = describeSubjectDetail(authz, 'ServiceAccount:team-b:worker');
    expect(d.bindings).toEqual([expect.objectContaining({ roleExists: false })]);
    expect(d.roles).toEqual([expect.objectContaining({ exists: false, rules: [] })]);
    expect(d.permissions.scopes.map((s) => s.namespace)).toEqual(['', 'team-b']);
  });

  it('a group: the ServiceAccounts that carry it', () => {
    const d = describeSubjectDetail(authz, 'Group:system:serviceaccounts:team-a');
    expect(d.identity).toEqual({ user: '', groups: ['system:serviceaccounts:team-a'] });
    expect(d.carriedBy).toEqual({
      count: 2,
      serviceAccounts: [
        { namespace: 'team-a', name: 'backend' },
        { namespace: 'team-a', name: 'frontend' },
      ],
    });
    expect(d.bindings.map((b) => [b.binding.name, b.via.name])).toEqual([
      ['team-a-view', 'system:serviceaccounts:team-a'],
    ]);
    expect(d.pods).toBeUndefined();
  });

  it('a user with grants only by name', () => {
    const d = describeSubjectDetail(authz, 'User:carol');
    expect(d.exists).toBeUndefined();
    expect(d.pods).toBeUndefined();
    const cell = d.permissions.scopes.find((s) => s.namespace === 'default')!.rows[0]!.cells.get;
    expect(cell).toMatchObject({ access: 'some', resourceNames: ['app-config'] });
  });

  it.each([
    ['ServiceAccount:default', QuestionError, /not a subject key/],
    ['Robot:x', QuestionError, /not a subject key/],
    [
      'ServiceAccount:default:nobody',
      UnknownSubjectError,
      /no ServiceAccount default\/nobody in this data/,
    ],
    ['User:mallory', UnknownSubjectError, /no User mallory in this data/],
    [
      'ServiceAccount::mallory',
      UnknownSubjectError,
      /^There is no ServiceAccount mallory without a namespace in this data\.$/,
    ],
  ])('%s is refused', (key, type, message) => {
    expect(() => describeSubjectDetail(authz, key)).toThrow(type);
    expect(() => describeSubjectDetail(authz, key)).toThrow(message);
  });
});

describe('subject search', () => {
  const all = subjectsOf(authz.snapshot);
  const keys = (r: { subjects: { key: string }[] }) => r.subjects.map((s) => s.key);

  it.each([
    [{ q: '' }, 8],
    [{ q: 'myapp' }, 1],
    [{ q: 'system:serviceaccount:default:myapp1' }, 1],
    [{ q: 'team-a', kind: 'ServiceAccount' as const }, 2],
    [{ q: '', namespace: 'team-a' }, 2],
    [{ q: 'VIEW' }, 0],
    [{ q: 'bob example' }, 1],
    [{ q: '', kind: 'Group' as const }, 1],
  ])('%j matches %i', (f, n) => {
    expect(filterSubjects(all, f).total).toBe(n);
  });

  it('puts exact and prefix name matches first and pages', () => {
    expect(keys(filterSubjects(all, { q: 'worker' }))).toEqual(['ServiceAccount:team-b:worker']);
    expect(keys(filterSubjects(all, { q: 'b', limit: 2 }))).toEqual([
      'ServiceAccount:team-a:backend',
      'User:bob@example.com',
    ]);
    expect(filterSubjects(all, { q: '', offset: 7, limit: 5 }).subjects).toHaveLength(1);
  });

  it.each([
    ['', { q: '', offset: 0, limit: 100 }],
    [
      'q=%20my%20&kind=User&namespace=dev&limit=5&offset=10',
      { q: 'my', kind: 'User', namespace: 'dev', offset: 10, limit: 5 },
    ],
  ])('parseSubjectFilter %j', (search, expected) => {
    expect(parseSubjectFilter(new URLSearchParams(search))).toEqual(expected);
  });

  it.each([
    ['kind=Robot', /kind is ServiceAccount, User or Group/],
    ['limit=abc', /limit must be a number/],
    ['limit=5000', /limit is at most 1000/],
    ['offset=-1', /offset cannot be negative/],
    ['limit=1.5', /whole number/],
  ])('parseSubjectFilter rejects %s', (search, message) => {
    expect(() => parseSubjectFilter(new URLSearchParams(search))).toThrow(message);
  });
});

describe('graph links', () => {
  it('names nodes and links the graph focused on one, highlighting a path', () => {
    const a = check(`${MYAPP1}&verb=list&resource=pods&namespace=default`);
    const ids = pathNodeIds(a.paths);
    expect(ids).toEqual([
      'subject:ServiceAccount:default:myapp1',
      'binding:RoleBinding:default:read-pods',
      'role:Role:default:pod-reader',
    ]);
    expect(graphHref(ids[0]!, ids)).toBe(
      '/graph?focus=subject%3AServiceAccount%3Adefault%3Amyapp1&highlight=subject%3AServiceAccount%3Adefault%3Amyapp1%2Cbinding%3ARoleBinding%3Adefault%3Aread-pods%2Crole%3ARole%3Adefault%3Apod-reader',
    );
    expect(graphHref('role:ClusterRole:view')).toBe('/graph?focus=role%3AClusterRole%3Aview');
    // An address holds at most 50 highlighted nodes: the first ones (grant paths come first).
    const many = Array.from({ length: 80 }, (_, i) => `role:Role:ns-${i}:deployer`);
    const href = new URL(graphHref(ids[0]!, [...ids, ...many]), 'http://x');
    const highlight = href.searchParams.get('highlight')!.split(',');
    expect(highlight).toHaveLength(50);
    expect(highlight.slice(0, 4)).toEqual([...ids, many[0]]);
    expect(bindingNodeId({ kind: 'ClusterRoleBinding', name: 'bob-view' })).toBe(
      'binding:ClusterRoleBinding:bob-view',
    );
    expect(roleNodeId({ kind: 'ClusterRole', name: 'view' })).toBe('role:ClusterRole:view');
    expect(subjectNodeId({ kind: 'Group', name: 'sre' })).toBe('subject:Group:sre');
  });
});

describe('isSystemSubject', () => {
  it.each<[Subject, boolean]>([
    [{ kind: 'ServiceAccount', namespace: 'kube-system', name: 'job-controller' }, true],
    [{ kind: 'ServiceAccount', namespace: 'default', name: 'myapp1' }, false],
    [{ kind: 'User', name: 'system:kube-scheduler' }, true],
    [{ kind: 'User', name: 'alice@example.com' }, false],
    [{ kind: 'Group', name: 'system:masters' }, true],
    [{ kind: 'Group', name: 'system:nodes' }, true],
    [{ kind: 'Group', name: 'system:authenticated' }, false],
    [{ kind: 'Group', name: 'system:unauthenticated' }, false],
    [{ kind: 'Group', name: 'system:serviceaccounts' }, false],
    [{ kind: 'Group', name: 'system:serviceaccounts:team-a' }, false],
    [{ kind: 'Group', name: 'sre' }, false],
  ])('%j → %s', (s, expected) => {
    expect(isSystemSubject(s)).toBe(expected);
  });
});

describe('examples from the data', () => {
  it('asks about the bound or running ServiceAccounts and people, those with Pods first', () => {
    expect(checkExamples(subjectsOf(authz.snapshot))).toEqual([
      {
        label: 'Can default/myapp1 list pods in default?',
        href: '/check?as=system%3Aserviceaccount%3Adefault%3Amyapp1&verb=list&resource=pods&namespace=default',
      },
      {
        label: 'Can team-a/frontend list pods in team-a?',
        href: '/check?as=system%3Aserviceaccount%3Ateam-a%3Afrontend&verb=list&resource=pods&namespace=team-a',
      },
      {
        label: 'Can monitoring/prometheus list pods in monitoring?',
        href: '/check?as=system%3Aserviceaccount%3Amonitoring%3Aprometheus&verb=list&resource=pods&namespace=monitoring',
      },
      {
        label: 'Can team-b/worker list pods in team-b?',
        href: '/check?as=system%3Aserviceaccount%3Ateam-b%3Aworker&verb=list&resource=pods&namespace=team-b',
      },
      {
        label: 'Can bob@example.com list pods in default?',
        href: '/check?as=bob%40example.com&verb=list&resource=pods&namespace=default',
      },
    ]);
  });

  it('who-can examples use default when the data has it, else its first namespace', () => {
    expect(whoCanExamples(['a', 'default'])[0]).toEqual({
      label: 'Who can list pods in default?',
      href: '/who-can?verb=list&resource=pods&namespace=default',
    });
    expect(whoCanExamples(['shop'])[0]?.label).toBe('Who can list pods in shop?');
    expect(whoCanExamples([]).map((e) => e.label)).toContain('Who can get /metrics?');
  });
});
