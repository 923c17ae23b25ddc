import { describe, expect, it } from 'vitest';
import { matchedSubject, unmatchedBindings } from './binding-subject';
import { binding, clusterBinding, named, subject, snapshot } from './test-builders';
import type { AnyBinding, Subject } from './types';

describe('matchedSubject: a binding subject as the API server reads it', () => {
  it.each<[string, AnyBinding, string, Subject | undefined]>([
    [
      'a ServiceAccount with its namespace is itself',
      clusterBinding('ClusterRole:view'),
      'ServiceAccount:ns:sa',
      { kind: 'ServiceAccount', namespace: 'ns', name: 'sa' },
    ],
    [
      "a RoleBinding's ServiceAccount without a namespace is in the binding's namespace",
      binding('team-a', 'Role:r'),
      'ServiceAccount::sa',
      { kind: 'ServiceAccount', namespace: 'team-a', name: 'sa' },
    ],
    [
      "a RoleBinding's ServiceAccount in another namespace stays there",
      binding('team-a', 'Role:r'),
      'ServiceAccount:team-b:sa',
      { kind: 'ServiceAccount', namespace: 'team-b', name: 'sa' },
    ],
    [
      "a ClusterRoleBinding's ServiceAccount without a namespace matches nobody",
      clusterBinding('ClusterRole:view'),
      'ServiceAccount::sa',
      undefined,
    ],
    ['a User is itself', clusterBinding('ClusterRole:view'), 'User:alice', subject('User:alice')],
    ['a Group is itself', binding('ns', 'Role:r'), 'Group:devs', subject('Group:devs')],
  ])('%s', (_, b, s, want) => {
    expect(matchedSubject(b, subject(s))).toEqual(want);
  });
});

describe('unmatchedBindings: bindings that name a subject and match nobody', () => {
  const data = snapshot(
    named('ghost-view', clusterBinding('ClusterRole:view', 'ServiceAccount::ghost')),
    // Named twice: listed once.
    named(
      'ghost-edit',
      clusterBinding('ClusterRole:edit', 'ServiceAccount::ghost', 'ServiceAccount::ghost'),
    ),
    named('other', clusterBinding('ClusterRole:view', 'ServiceAccount::other')),
    named('real', clusterBinding('ClusterRole:view', 'ServiceAccount:ns:ghost')),
    // A RoleBinding's does match: the ServiceAccount ghost of team-a.
    named('local', binding('team-a', 'Role:r', 'ServiceAccount::ghost')),
  );

  it('lists each ClusterRoleBinding naming a ServiceAccount without a namespace, with why', () => {
    expect(unmatchedBindings(data, subject('ServiceAccount::ghost'))).toEqual([
      {
        binding: { kind: 'ClusterRoleBinding', name: 'ghost-view' },
        role: { kind: 'ClusterRole', name: 'view' },
        reason:
          'names this ServiceAccount without a namespace, so the API server matches it to no ServiceAccount',
      },
      {
        binding: { kind: 'ClusterRoleBinding', name: 'ghost-edit' },
        role: { kind: 'ClusterRole', name: 'edit' },
        reason:
          'names this ServiceAccount without a namespace, so the API server matches it to no ServiceAccount',
      },
    ]);
  });

  it.each(['ServiceAccount:ns:ghost', 'ServiceAccount:team-a:ghost', 'User:ghost', 'Group:ghost'])(
    'is empty for %s, which can match someone',
    (s) => {
      expect(unmatchedBindings(data, subject(s))).toEqual([]);
    },
  );
});
