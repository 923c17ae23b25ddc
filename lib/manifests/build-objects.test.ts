import { SA_MOUNT } from '../rbac/curl-command';
import { describe, expect, it } from 'vitest';
import {
  apiPathOf,
  buildObjects,
  describeObject,
  grantNamespace,
  type ManifestObject,
  type PodObject,
} from './build-objects';
import { defaultSpec, validateSpec, type WizardSpec } from './wizard-spec';

const spec = (edit: (s: WizardSpec) => void = () => {}): WizardSpec => {
  const s = defaultSpec();
  edit(s);
  expect(validateSpec(s)).toEqual([]);
  return s;
};

const clusterWide = (s: WizardSpec) => {
  s.role.kind = 'ClusterRole';
  s.role.name = 'pod-reader-everywhere';
  s.binding.kind = 'ClusterRoleBinding';
  s.binding.name = 'myapp1-reads-pods';
};

describe('buildObjects', () => {
  it('writes the seed story from the defaults', () => {
    const [sa, role, binding, pod, ...rest] = buildObjects(spec());
    expect(rest).toEqual([]);
    expect(sa).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'myapp1', namespace: 'default' },
    });
    expect(role).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'pod-reader', namespace: 'default' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    });
    expect(binding).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'read-pods', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'myapp1', namespace: 'default' }],
    });
    expect(pod).toMatchObject({
      kind: 'Pod',
      metadata: { name: 'myapp1', namespace: 'default' },
      spec: {
        serviceAccountName: 'myapp1',
        containers: [
          { name: 'app', image: 'curlimages/curl:8.10.1' },
          { name: 'kubectl-proxy', image: 'bitnami/kubectl:1.34', args: ['proxy', '--port=8001'] },
        ],
      },
    });
  });

  it('writes a ClusterRole and a ClusterRoleBinding without namespaces', () => {
    const [, role, binding] = buildObjects(spec(clusterWide));
    expect(role).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'pod-reader-everywhere' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    });
    expect(binding).toMatchObject({
      kind: 'ClusterRoleBinding',
      metadata: { name: 'myapp1-reads-pods' },
      roleRef: { kind: 'ClusterRole', name: 'pod-reader-everywhere' },
    });
  });

  it('keeps resourceNames only when there are some, before the verbs as kubectl writes them', () => {
    const [, role] = buildObjects(
      spec((s) => {
        s.role.rules[0] = {
          apiGroups: [''],
          resources: ['configmaps'],
          verbs: ['get'],
          resourceNames: ['app-config'],
        };
      }),
    );
    const rule = (role as Extract<ManifestObject, { kind: 'Role' }>).rules[0]!;
    expect(Object.keys(rule)).toEqual(['apiGroups', 'resources', 'resourceNames', 'verbs']);
  });

  it('gives User and Group subjects the RBAC API group, and ServiceAccounts their namespace', () => {
    const [, , binding] = buildObjects(
      spec((s) => {
        s.binding.subjects.push(
          { kind: 'User', name: 'alice', namespace: 'ignored' },
          { kind: 'Group', name: 'devs', namespace: '' },
        );
      }),
    );
    expect((binding as Extract<ManifestObject, { kind: 'RoleBinding' }>).subjects).toEqual([
      { kind: 'ServiceAccount', name: 'myapp1', namespace: 'default' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'devs' },
    ]);
  });

  it('leaves out an existing ServiceAccount and a disabled Pod', () => {
    const kinds = buildObjects(
      spec((s) => {
        s.serviceAccount.existing = true;
        s.pod.enabled = false;
      }),
    ).map((o) => o.kind);
    expect(kinds).toEqual(['Role', 'RoleBinding']);
  });

  it('runs the curl Pod with the mounted token and CA against the API server', () => {
    const pod = buildObjects(spec((s) => (s.pod.access = 'curl'))).at(-1) as PodObject;
    expect(pod.spec.containers).toHaveLength(1);
    const [app] = pod.spec.containers;
    expect(app!.command?.slice(0, 2)).toEqual(['sh', '-c']);
    const script = app!.command![2]!;
    expect(script).toContain(`SA=${SA_MOUNT}`);
    expect(script).toContain('--cacert "$SA/ca.crt"');
    expect(script).toContain('Authorization: Bearer $(cat "$SA/token")');
    // The service's DNS name, which the API server's certificate names: no IPv6 literal to bracket.
    expect(script).toContain(
      '"https://kubernetes.default.svc/api/v1/namespaces/$TARGET_NAMESPACE/pods"',
    );
    expect(script).not.toContain('KUBERNETES_SERVICE_HOST');
    expect(app!.env).toEqual([{ name: 'TARGET_NAMESPACE', value: 'default' }]);
  });

  it.each(['proxy', 'curl'] as const)(
    'runs the %s Pod as PodSecurity "restricted" asks: non-root, no privilege escalation, no capabilities, RuntimeDefault seccomp',
    (access) => {
      const pod = buildObjects(spec((s) => (s.pod.access = access))).at(-1) as PodObject;
      expect(pod.spec.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 65532,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      for (const c of pod.spec.containers) {
        expect(c.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
      }
    },
  );

  it('points the Pod at the namespace where the grants apply', () => {
    const s = spec((x) => {
      x.role.kind = 'ClusterRole';
      x.binding.namespace = 'team-a';
    });
    expect(grantNamespace(s)).toBe('team-a');
    const pod = buildObjects(s).at(-1) as PodObject;
    expect(pod.metadata.namespace).toBe('default');
    expect(pod.spec.containers[0]!.env).toEqual([{ name: 'TARGET_NAMESPACE', value: 'team-a' }]);
    expect(grantNamespace(spec(clusterWide))).toBe('default');
  });

  it('copies lists, so editing the objects never edits the spec', () => {
    const s = spec();
    const [, role] = buildObjects(s);
    (role as Extract<ManifestObject, { kind: 'Role' }>).rules[0]!.verbs.push('delete');
    expect(s.role.rules[0]!.verbs).toEqual(['get', 'list']);
  });
});

describe('apiPathOf and describeObject', () => {
  const objects = [...buildObjects(spec()), ...buildObjects(spec(clusterWide)).slice(1, 3)];
  it.each([
    [
      'ServiceAccount',
      '/api/v1/namespaces/default/serviceaccounts',
      'ServiceAccount default/myapp1',
    ],
    [
      'Role',
      '/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles',
      'Role default/pod-reader',
    ],
    [
      'RoleBinding',
      '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings',
      'RoleBinding default/read-pods',
    ],
    ['Pod', '/api/v1/namespaces/default/pods', 'Pod default/myapp1'],
    [
      'ClusterRole',
      '/apis/rbac.authorization.k8s.io/v1/clusterroles',
      'ClusterRole pod-reader-everywhere',
    ],
    [
      'ClusterRoleBinding',
      '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
      'ClusterRoleBinding myapp1-reads-pods',
    ],
  ])('%s', (kind, path, described) => {
    const o = objects.find((x) => x.kind === kind)!;
    expect(apiPathOf(o)).toBe(path);
    expect(describeObject(o)).toBe(described);
  });
});
