import { describe, expect, it } from 'vitest';
import { moreId, permId, roleId, roleOfPermissionId, urlPermId } from './model';

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
