import type { WizardSpec } from './wizard-spec';

/**
 * Edits that keep a draft consistent, as the form makes them: values that followed the
 * ServiceAccount (its binding subject, the Pod's name, the namespace of the Role and the
 * binding) keep following it; values the user changed stay as they are. Each edits in place.
 */

/** Renames or moves the draft's ServiceAccount. */
export function setServiceAccount(spec: WizardSpec, name: string, namespace: string): void {
  const old = spec.serviceAccount;
  for (const s of spec.binding.subjects) {
    if (s.kind === 'ServiceAccount' && s.name === old.name && s.namespace === old.namespace) {
      s.name = name;
      s.namespace = namespace;
    }
  }
  if (spec.pod.name === old.name) spec.pod.name = name;
  if (spec.role.namespace === old.namespace) spec.role.namespace = namespace;
  if (spec.binding.namespace === old.namespace) spec.binding.namespace = namespace;
  spec.serviceAccount = { ...old, name, namespace };
}

/**
 * Moves the Role, and with it its RoleBinding: a RoleBinding can only refer to a Role in its
 * own namespace, so for a Role the two namespaces are one choice.
 */
export function setGrantNamespace(spec: WizardSpec, namespace: string): void {
  if (spec.role.kind === 'Role') spec.role.namespace = namespace;
  spec.binding.namespace = namespace;
}

/** Switches Role ↔ ClusterRole, and the binding kind with it when it would no longer fit. */
export function setRoleKind(spec: WizardSpec, kind: WizardSpec['role']['kind']): void {
  spec.role.kind = kind;
  if (kind === 'Role') {
    if (spec.binding.kind === 'ClusterRoleBinding') spec.binding.kind = 'RoleBinding';
    spec.role.namespace =
      spec.binding.namespace || spec.role.namespace || spec.serviceAccount.namespace;
    spec.binding.namespace = spec.role.namespace;
  }
}

/** Switches RoleBinding ↔ ClusterRoleBinding; a ClusterRoleBinding needs a ClusterRole. */
export function setBindingKind(spec: WizardSpec, kind: WizardSpec['binding']['kind']): void {
  spec.binding.kind = kind;
  if (kind === 'ClusterRoleBinding') spec.role.kind = 'ClusterRole';
  else if (!spec.binding.namespace) spec.binding.namespace = spec.serviceAccount.namespace;
}
