import { describe, expect, it } from 'vitest';
import { Authorizer } from '../rbac/authorizer';
import { serviceAccountIdentity } from '../rbac/identity';
import { loadDemoSource } from './demo-source';

describe('the demo cluster', async () => {
  const { snapshot, errors } = await loadDemoSource();
  const authz = new Authorizer(snapshot);
  const myapp1 = serviceAccountIdentity('default', 'myapp1');

  it('loads without errors and with the default RBAC of a real cluster', () => {
    expect(errors).toEqual([]);
    const names = snapshot.clusterRoles.map((r) => r.name);
    for (const n of [
      'cluster-admin',
      'admin',
      'edit',
      'view',
      'system:aggregate-to-view',
      'system:basic-user',
    ]) {
      expect(names).toContain(n);
    }
    expect(snapshot.clusterRoles.find((r) => r.name === 'admin')!.aggregationRule).toBeDefined();
    // Stored aggregated rules are what aggregation gives.
    expect(authz.warnings.filter((w) => w.includes('aggregated'))).toEqual([]);
  });

  it('tells the seed story: myapp1 can get and list pods in default, nothing more', () => {
    const list = authz.canI(myapp1, { verb: 'list', resource: 'pods', namespace: 'default' });
    expect(list.allowed).toBe(true);
    expect(list.paths.map((p) => `${p.binding.name} → ${p.role.name}`)).toEqual([
      'read-pods → pod-reader',
    ]);
    expect(
      authz.canI(myapp1, { verb: 'delete', resource: 'pods', namespace: 'default' }).allowed,
    ).toBe(false);
    expect(
      authz.canI(myapp1, { verb: 'list', resource: 'secrets', namespace: 'default' }).allowed,
    ).toBe(false);
    const pod = snapshot.pods.find((p) => p.serviceAccountName === 'myapp1');
    expect(pod?.namespace).toBe('default');
  });

  it('has the tricky cases', () => {
    const can = (
      ns: string,
      sa: string,
      verb: string,
      resource: string,
      namespace: string,
      extra = {},
    ) =>
      authz.canI(serviceAccountIdentity(ns, sa), { verb, resource, namespace, ...extra }).allowed;
    // The CI ServiceAccount is cluster-admin.
    expect(can('ci', 'deployer', 'delete', 'nodes', '')).toBe(true);
    // A group binding covers every ServiceAccount of team-a through a RoleBinding to a ClusterRole.
    expect(can('team-a', 'frontend', 'list', 'services', 'team-a')).toBe(true);
    expect(can('team-a', 'frontend', 'list', 'services', 'team-b')).toBe(false);
    // resourceNames: one ConfigMap by name, never a list.
    expect(can('team-a', 'backend', 'get', 'configmaps', 'team-a', { name: 'app-config' })).toBe(
      true,
    );
    // The aggregated monitoring role grants through its members.
    expect(
      can('monitoring', 'prometheus', 'list', 'endpointslices', 'x', {
        apiGroup: 'discovery.k8s.io',
      }),
    ).toBe(true);
    // Subresources.
    expect(can('team-b', 'debugger', 'create', 'pods', 'team-b', { subresource: 'exec' })).toBe(
      true,
    );
    expect(can('team-b', 'debugger', 'create', 'pods', 'team-b', { subresource: 'attach' })).toBe(
      false,
    );
    // The binding to a missing role grants nothing and says so.
    expect(authz.warnings.some((w) => w.includes('legacy-worker'))).toBe(true);
    // A User subject.
    expect(
      authz.canI(
        { user: 'alice@example.com', groups: [] },
        { verb: 'create', resource: 'deployments', apiGroup: 'apps', namespace: 'team-a' },
      ).allowed,
    ).toBe(true);
  });

  it('explains the binding in the wrong namespace', () => {
    const d = authz.canI(myapp1, { verb: 'list', resource: 'pods', namespace: 'team-b' });
    expect(d.allowed).toBe(true);
    const miss = authz.canI(myapp1, { verb: 'watch', resource: 'pods', namespace: 'default' });
    expect(miss.allowed).toBe(false);
    expect(miss.nearMisses.map((m) => m.kind)).toContain('verb');
  });
});
