import { describe, expect, it } from 'vitest';
import { setBindingKind, setGrantNamespace, setRoleKind, setServiceAccount } from './linked-edits';
import { defaultSpec, validateSpec } from './wizard-spec';

describe('linked edits', () => {
  it('moves everything that followed the ServiceAccount, and keeps the draft valid', () => {
    const s = defaultSpec();
    setServiceAccount(s, 'billing', 'team-a');
    expect(s.serviceAccount).toEqual({ name: 'billing', namespace: 'team-a', existing: false });
    expect(s.binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'billing', namespace: 'team-a' },
    ]);
    expect(s.pod.name).toBe('billing');
    expect([s.role.namespace, s.binding.namespace]).toEqual(['team-a', 'team-a']);
    expect(validateSpec(s)).toEqual([]);
  });

  it('leaves values the user chose apart from the ServiceAccount alone', () => {
    const s = defaultSpec();
    s.pod.name = 'tester';
    setGrantNamespace(s, 'team-b');
    s.binding.subjects.push({ kind: 'ServiceAccount', name: 'other', namespace: 'default' });
    setServiceAccount(s, 'billing', 'team-a');
    expect(s.pod.name).toBe('tester');
    expect([s.role.namespace, s.binding.namespace]).toEqual(['team-b', 'team-b']);
    expect(s.binding.subjects[1]).toEqual({
      kind: 'ServiceAccount',
      name: 'other',
      namespace: 'default',
    });
  });

  it('keeps Role and RoleBinding in one namespace', () => {
    const s = defaultSpec();
    setGrantNamespace(s, 'team-a');
    expect([s.role.namespace, s.binding.namespace]).toEqual(['team-a', 'team-a']);
    expect(validateSpec(s)).toEqual([]);
  });

  it('pairs a ClusterRoleBinding with a ClusterRole, and a Role with a RoleBinding', () => {
    const s = defaultSpec();
    setBindingKind(s, 'ClusterRoleBinding');
    expect(s.role.kind).toBe('ClusterRole');
    expect(validateSpec(s)).toEqual([]);
    setRoleKind(s, 'Role');
    expect(s.binding.kind).toBe('RoleBinding');
    expect(validateSpec(s)).toEqual([]);
  });

  it('gives a RoleBinding a namespace again after a ClusterRoleBinding', () => {
    const s = defaultSpec();
    setRoleKind(s, 'ClusterRole');
    s.binding.namespace = '';
    setBindingKind(s, 'RoleBinding');
    expect(s.binding.namespace).toBe('default');
  });
});
