/**
 * The engine's own narrow types. Sources convert Kubernetes objects (client-node classes,
 * parsed YAML) into these at the edge; nothing in lib/rbac sees anything else.
 */

export type Labels = Readonly<Record<string, string>>;

/** One rule of a Role or ClusterRole, as in rbac.authorization.k8s.io/v1 PolicyRule. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface Role {
  kind: 'Role';
  name: string;
  namespace: string;
  labels?: Labels;
  rules: PolicyRule[];
}

export interface ClusterRole {
  kind: 'ClusterRole';
  name: string;
  labels?: Labels;
  rules: PolicyRule[];
  aggregationRule?: { clusterRoleSelectors: LabelSelector[] };
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

/** A binding subject. ServiceAccount subjects carry the namespace they live in. */
export interface Subject {
  kind: SubjectKind;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  kind: 'Role' | 'ClusterRole';
  name: string;
}

export interface RoleBinding {
  kind: 'RoleBinding';
  name: string;
  namespace: string;
  labels?: Labels;
  subjects: Subject[];
  roleRef: RoleRef;
}

export interface ClusterRoleBinding {
  kind: 'ClusterRoleBinding';
  name: string;
  labels?: Labels;
  subjects: Subject[];
  roleRef: RoleRef;
}

export type AnyRole = Role | ClusterRole;
export type AnyBinding = RoleBinding | ClusterRoleBinding;

export interface ServiceAccount {
  name: string;
  namespace: string;
}

export interface Namespace {
  name: string;
}

/** Only what the dashboard needs of a Pod: who it runs as. */
export interface Pod {
  name: string;
  namespace: string;
  serviceAccountName: string;
  owner?: { kind: string; name: string };
}

export type SourceKind = 'demo' | 'file' | 'cluster' | 'upload';

export interface SourceInfo {
  kind: SourceKind;
  /** Human name: the demo, a file path, a kubeconfig context. */
  name: string;
  /** ISO time the data was read. */
  fetchedAt: string;
  resourceVersion?: string;
}

/** Everything the engine knows about a cluster at one moment. Partial data is normal. */
export interface RbacSnapshot {
  source: SourceInfo;
  namespaces: Namespace[];
  serviceAccounts: ServiceAccount[];
  roles: Role[];
  clusterRoles: ClusterRole[];
  roleBindings: RoleBinding[];
  clusterRoleBindings: ClusterRoleBinding[];
  pods: Pod[];
  /** Things the reader of the data should know, e.g. "cannot list clusterroles: forbidden". */
  warnings: string[];
}

/** An empty snapshot for a source, to be filled by a loader. */
export function emptySnapshot(source: SourceInfo): RbacSnapshot {
  return {
    source,
    namespaces: [],
    serviceAccounts: [],
    roles: [],
    clusterRoles: [],
    roleBindings: [],
    clusterRoleBindings: [],
    pods: [],
    warnings: [],
  };
}
