import { describe, expect, it } from 'vitest';
import { parseDump } from './parse-dump';
import { snapshotFromDump } from './snapshot-from-dump';

const source = { kind: 'file' as const, name: 't', fetchedAt: '2026-01-01T00:00:00Z' };
const load = (text: string) => snapshotFromDump([parseDump(text, 'in.yaml')], source);

describe('snapshotFromDump', () => {
  it('converts the RBAC kinds, ServiceAccounts, Namespaces and Pods', () => {
    const { snapshot, errors } = load(`
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-pods, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
subjects:
- {kind: ServiceAccount, name: myapp1}
- {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
---
kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: agg, labels: {a: "1"}}
aggregationRule:
  clusterRoleSelectors:
  - matchExpressions: [{key: x, operator: Exists}]
rules: null
---
kind: Pod
apiVersion: v1
metadata:
  name: p
  namespace: default
  ownerReferences: [{kind: ReplicaSet, name: rs}]
spec: {containers: []}
`);
    expect(errors).toEqual([]);
    expect(snapshot.roleBindings[0]!.subjects).toEqual([
      // A RoleBinding's ServiceAccount subject defaults to the binding's namespace.
      { kind: 'ServiceAccount', name: 'myapp1', namespace: 'default' },
      { kind: 'User', name: 'alice' },
    ]);
    expect(snapshot.clusterRoles[0]).toEqual({
      kind: 'ClusterRole',
      name: 'agg',
      labels: { a: '1' },
      rules: [],
      aggregationRule: {
        clusterRoleSelectors: [
          { matchExpressions: [{ key: 'x', operator: 'Exists', values: undefined }] },
        ],
      },
    });
    // An unset serviceAccountName means "default".
    expect(snapshot.pods[0]).toEqual({
      name: 'p',
      namespace: 'default',
      serviceAccountName: 'default',
      owner: { kind: 'ReplicaSet', name: 'rs' },
    });
  });

  it('counts objects of other kinds in a note', () => {
    const { snapshot, skipped } = load(
      'kind: ConfigMap\nmetadata: {name: a}\n---\nkind: ConfigMap\n---\nkind: Deployment\n',
    );
    expect(skipped).toEqual({ ConfigMap: 2, Deployment: 1 });
    expect(snapshot.warnings).toEqual([
      'Skipped 3 objects of other kinds: 2 ConfigMap, 1 Deployment.',
    ]);
  });

  it('reports malformed objects of known kinds with file and line', () => {
    const { errors, snapshot } = load(
      'kind: Role\nmetadata: {name: r}\n---\nkind: RoleBinding\nmetadata: {name: b, namespace: x}\nroleRef: {kind: Secret, name: s}\n',
    );
    expect(errors).toEqual([
      { file: 'in.yaml', line: 1, message: 'Role: Role r metadata.namespace is missing' },
      {
        file: 'in.yaml',
        line: 4,
        message: 'RoleBinding: roleRef.kind must be Role or ClusterRole, not "Secret"',
      },
    ]);
    expect(snapshot.roles).toEqual([]);
  });

  it('refuses names the API server would refuse, with file and line', () => {
    const { errors, snapshot } = load(
      [
        'kind: ServiceAccount\nmetadata: {name: "My App:x/../y", namespace: default}',
        'kind: ServiceAccount\nmetadata: {name: app, namespace: "Team A/b"}',
        'kind: Namespace\nmetadata: {name: a.b}',
        'kind: RoleBinding\nmetadata: {name: "a/b", namespace: default}\nroleRef: {kind: Role, name: r}',
        // RBAC objects may hold ':' (system:…), ServiceAccounts '.'.
        'kind: ClusterRole\nmetadata: {name: "system:controller:x"}',
        'kind: ServiceAccount\nmetadata: {name: app.v2, namespace: default}',
      ].join('\n---\n'),
    );
    expect(errors).toEqual([
      {
        file: 'in.yaml',
        line: 1,
        message:
          "ServiceAccount: \"My App:x/../y\" is not a valid name (lower-case letters, digits, '-' and '.', at most 253)",
      },
      {
        file: 'in.yaml',
        line: 4,
        message:
          'ServiceAccount: "Team A/b" is not a valid namespace (lower-case letters, digits and dashes, at most 63)',
      },
      {
        file: 'in.yaml',
        line: 7,
        message:
          'Namespace: "a.b" is not a valid name (lower-case letters, digits and dashes, at most 63)',
      },
      {
        file: 'in.yaml',
        line: 10,
        message:
          "RoleBinding: \"a/b\" is not a valid name (no '/' or '%', not '.' or '..', at most 253 characters)",
      },
    ]);
    expect(snapshot.clusterRoles.map((r) => r.name)).toEqual(['system:controller:x']);
    expect(snapshot.serviceAccounts.map((a) => a.name)).toEqual(['app.v2']);
  });

  it('keeps the last of duplicate objects and says so', () => {
    const { snapshot } = load(
      'kind: Namespace\nmetadata: {name: a}\n---\nkind: Namespace\nmetadata: {name: a}\n',
    );
    expect(snapshot.namespaces).toEqual([{ name: 'a' }]);
    expect(snapshot.warnings[0]).toMatch(/1 objects appeared more than once/);
  });
});
