import { describe, expect, it } from 'vitest';
import { moreId, parsePermissionId, permId, roleId, roleOfPermissionId, urlPermId } from './model';

describe('roleOfPermissionId: the role of a permission or "more" node id', () => {
  const roles = new Set([
    roleId({ kind: 'Role', namespace: 'default', name: 'pod-reader' }),
    roleId({ kind: 'ClusterRole', name: 'system:aggregate-to-view' }),
    roleId({ kind: 'ClusterRole', name: 'system' }),
  ]);
  const isRole = (id: string) => roles.has(id);

  it.each([
    [permId('role:Role:default:pod-reader', '', 'pods'), 'role:Role:default:pod-reader'],
    [
      permId('role:Role:default:pod-reader', 'apps', 'deployments/scale'),
      'role:Role:default:pod-reader',
    ],
    // A role name with ':' wins over a shorter role id that is also a role.
    [
      permId('role:ClusterRole:system:aggregate-to-view', '', 'pods'),
      'role:ClusterRole:system:aggregate-to-view',
    ],
    [
      urlPermId('role:ClusterRole:system:aggregate-to-view', '/healthz'),
      'role:ClusterRole:system:aggregate-to-view',
    ],
    [moreId('role:Role:default:pod-reader'), 'role:Role:default:pod-reader'],
  ])('%s → %s', (id, role) => {
    expect(roleOfPermissionId(id, isRole)).toBe(role);
  });

  it('is undefined for other ids, and for roles it does not know', () => {
    expect(roleOfPermissionId('role:Role:default:pod-reader', isRole)).toBeUndefined();
    expect(roleOfPermissionId(permId('role:Role:x:gone', '', 'pods'), isRole)).toBeUndefined();
    expect(roleOfPermissionId(moreId('role:Role:x:gone'), isRole)).toBeUndefined();
  });
});

describe('permission ids: one reading each, whatever the names', () => {
  const A = roleId({ kind: 'ClusterRole', name: 'a' });
  const A_URL = roleId({ kind: 'ClusterRole', name: 'a:url' });

  it('keeps ordinary ids as they were', () => {
    expect(permId('role:ClusterRole:system:aggregate-to-view', '', 'events')).toBe(
      'perm:role:ClusterRole:system:aggregate-to-view:/events',
    );
    expect(urlPermId('role:ClusterRole:system:discovery', '/healthz')).toBe(
      'perm:role:ClusterRole:system:discovery:url:/healthz',
    );
    expect(permId('role:Role:default:pod-reader', 'apps', 'deployments/scale')).toBe(
      'perm:role:Role:default:pod-reader:apps/deployments/scale',
    );
  });

  it('tells URL /x of ClusterRole a from resource x of ClusterRole a:url, both roles known', () => {
    const url = urlPermId(A, '/x');
    const resource = permId(A_URL, '', 'x');
    expect(url).not.toBe(resource);
    const both = (id: string) => id === A || id === A_URL;
    expect(roleOfPermissionId(url, both)).toBe(A);
    expect(roleOfPermissionId(resource, both)).toBe(A_URL);
    expect(parsePermissionId(url)).toEqual({ role: A, nonResourceURL: '/x' });
    expect(parsePermissionId(resource)).toEqual({ role: A_URL, apiGroup: '', resource: 'x' });
  });

  it.each([
    ['role:ClusterRole:a:url', 'perm:role%3AClusterRole%3Aa%3Aurl:/x'],
    ['role:ClusterRole:url', 'perm:role%3AClusterRole%3Aurl:/x'],
    ['role:Role:url:reader', 'perm:role%3ARole%3Aurl%3Areader:/x'],
    ['role:ClusterRole:50%', 'perm:role%3AClusterRole%3A50%25:/x'],
  ])('percent-encodes %s, which could read two ways', (role, id) => {
    expect(permId(role, '', 'x')).toBe(id);
    expect(parsePermissionId(id)).toEqual({ role, apiGroup: '', resource: 'x' });
  });

  it.each([
    [urlPermId('role:ClusterRole:x:url:y', 'a:/b'), { nonResourceURL: 'a:/b' }],
    [urlPermId('role:ClusterRole:x', 'url:/b'), { nonResourceURL: 'url:/b' }],
    [permId('role:ClusterRole:x', 'g:h/i', 'r:s/t'), { apiGroup: 'g:h/i', resource: 'r:s/t' }],
    [permId('role:ClusterRole:x', 'url', '*'), { apiGroup: 'url', resource: '*' }],
    [urlPermId('role:ClusterRole:x', '*'), { nonResourceURL: '*' }],
  ])('reads %s back', (id, parts) => {
    expect(parsePermissionId(id)).toMatchObject(parts);
  });

  it('reads no other id', () => {
    for (const id of ['role:ClusterRole:a', 'perm:', 'perm:role:ClusterRole:a', 'more:x']) {
      expect(parsePermissionId(id), id).toBeUndefined();
    }
  });
});
