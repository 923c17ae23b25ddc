import { IN_CLUSTER_API, SA_MOUNT } from '../rbac/curl-command';
import type { RuleDraft, SubjectDraft, WizardSpec } from './wizard-spec';

/**
 * A valid spec as plain Kubernetes objects, in the order they should be applied:
 * ServiceAccount, Role or ClusterRole, binding, test Pod.
 */

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The images of the test Pod. */
export const APP_IMAGE = 'curlimages/curl:8.10.1';
export const PROXY_IMAGE = 'bitnami/kubectl:1.34';

export interface PolicyRuleObject {
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
  verbs: string[];
}

export interface SubjectObject {
  kind: 'ServiceAccount' | 'User' | 'Group';
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface ServiceAccountObject {
  apiVersion: 'v1';
  kind: 'ServiceAccount';
  metadata: { name: string; namespace: string };
}

export interface RoleObject {
  apiVersion: typeof RBAC_V1;
  kind: 'Role';
  metadata: { name: string; namespace: string };
  rules: PolicyRuleObject[];
}

export interface ClusterRoleObject {
  apiVersion: typeof RBAC_V1;
  kind: 'ClusterRole';
  metadata: { name: string };
  rules: PolicyRuleObject[];
}

export interface RoleRefObject {
  apiGroup: typeof RBAC_GROUP;
  kind: 'Role' | 'ClusterRole';
  name: string;
}

export interface RoleBindingObject {
  apiVersion: typeof RBAC_V1;
  kind: 'RoleBinding';
  metadata: { name: string; namespace: string };
  roleRef: RoleRefObject;
  subjects: SubjectObject[];
}

export interface ClusterRoleBindingObject {
  apiVersion: typeof RBAC_V1;
  kind: 'ClusterRoleBinding';
  metadata: { name: string };
  roleRef: RoleRefObject;
  subjects: SubjectObject[];
}

export interface ContainerObject {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value: string }[];
  securityContext: { allowPrivilegeEscalation: false; capabilities: { drop: ['ALL'] } };
}

export interface PodObject {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: { name: string; namespace: string };
  spec: {
    serviceAccountName: string;
    securityContext: {
      runAsNonRoot: true;
      runAsUser: number;
      seccompProfile: { type: 'RuntimeDefault' };
    };
    containers: ContainerObject[];
  };
}

export type ManifestObject =
  | ServiceAccountObject
  | RoleObject
  | ClusterRoleObject
  | RoleBindingObject
  | ClusterRoleBindingObject
  | PodObject;

function ruleObject(rule: RuleDraft): PolicyRuleObject {
  const apiGroups = [...rule.apiGroups];
  const resources = [...rule.resources];
  const verbs = [...rule.verbs];
  // kubectl's order: apiGroups, resources, resourceNames, verbs.
  return rule.resourceNames.length > 0
    ? { apiGroups, resources, resourceNames: [...rule.resourceNames], verbs }
    : { apiGroups, resources, verbs };
}

function subjectObject(s: SubjectDraft): SubjectObject {
  return s.kind === 'ServiceAccount'
    ? { kind: s.kind, name: s.name, namespace: s.namespace }
    : { apiGroup: RBAC_GROUP, kind: s.kind, name: s.name };
}

/** The namespace the binding grants in; for a ClusterRoleBinding, the ServiceAccount's own. */
export function grantNamespace(spec: WizardSpec): string {
  return spec.binding.kind === 'RoleBinding'
    ? spec.binding.namespace
    : spec.serviceAccount.namespace;
}

// The scripts are constants: the namespace to ask about reaches them through an environment
// variable, so no user text is ever spliced into a shell command.
const PROXY_SCRIPT = `# Lists pods through the kubectl proxy sidecar, which adds the ServiceAccount's token.
while true; do
  curl -sS "http://127.0.0.1:8001/api/v1/namespaces/$TARGET_NAMESPACE/pods"
  sleep 30
done
`;

const CURL_SCRIPT = `# Lists pods with the mounted ServiceAccount token, verifying the API server with the mounted CA.
SA=${SA_MOUNT}
while true; do
  curl -sS --cacert "$SA/ca.crt" \\
    -H "Authorization: Bearer $(cat "$SA/token")" \\
    "${IN_CLUSTER_API}/api/v1/namespaces/$TARGET_NAMESPACE/pods"
  sleep 30
done
`;

/**
 * What PodSecurity "restricted" asks of each container. With the Pod's context (non-root,
 * RuntimeDefault seccomp), the test Pod runs in namespaces that enforce it.
 */
const containerSecurity = (): ContainerObject['securityContext'] => ({
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
});

/**
 * A numeric non-root user: the kubelet enforces runAsNonRoot only for numeric image users, and
 * the curl image names its user (curl_user).
 */
const POD_USER = 65532;

function podObject(spec: WizardSpec): PodObject {
  const env = [{ name: 'TARGET_NAMESPACE', value: grantNamespace(spec) }];
  const app = (script: string): ContainerObject => ({
    name: 'app',
    image: APP_IMAGE,
    command: ['sh', '-c', script],
    env,
    securityContext: containerSecurity(),
  });
  const containers: ContainerObject[] =
    spec.pod.access === 'proxy'
      ? [
          app(PROXY_SCRIPT),
          {
            name: 'kubectl-proxy',
            image: PROXY_IMAGE,
            args: ['proxy', '--port=8001'],
            securityContext: containerSecurity(),
          },
        ]
      : [app(CURL_SCRIPT)];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: spec.pod.name, namespace: spec.serviceAccount.namespace },
    spec: {
      serviceAccountName: spec.serviceAccount.name,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: POD_USER,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers,
    },
  };
}

/** The objects of a valid spec (see `validateSpec`). Lists are copied, never shared. */
export function buildObjects(spec: WizardSpec): ManifestObject[] {
  const objects: ManifestObject[] = [];
  const { serviceAccount: sa, role, binding } = spec;
  if (!sa.existing) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: sa.name, namespace: sa.namespace },
    });
  }
  const rules = role.rules.map(ruleObject);
  objects.push(
    role.kind === 'Role'
      ? {
          apiVersion: RBAC_V1,
          kind: 'Role',
          metadata: { name: role.name, namespace: role.namespace },
          rules,
        }
      : { apiVersion: RBAC_V1, kind: 'ClusterRole', metadata: { name: role.name }, rules },
  );
  const roleRef: RoleRefObject = { apiGroup: RBAC_GROUP, kind: role.kind, name: role.name };
  const subjects = binding.subjects.map(subjectObject);
  objects.push(
    binding.kind === 'RoleBinding'
      ? {
          apiVersion: RBAC_V1,
          kind: 'RoleBinding',
          metadata: { name: binding.name, namespace: binding.namespace },
          roleRef,
          subjects,
        }
      : {
          apiVersion: RBAC_V1,
          kind: 'ClusterRoleBinding',
          metadata: { name: binding.name },
          roleRef,
          subjects,
        },
  );
  if (spec.pod.enabled) objects.push(podObject(spec));
  return objects;
}

/** The resource of each kind of object, as the API names it. */
export const PLURAL: Record<ManifestObject['kind'], string> = {
  ServiceAccount: 'serviceaccounts',
  Role: 'roles',
  ClusterRole: 'clusterroles',
  RoleBinding: 'rolebindings',
  ClusterRoleBinding: 'clusterrolebindings',
  Pod: 'pods',
};

/** The collection an object is created in: `/api/v1/namespaces/default/serviceaccounts`. */
export function apiPathOf(object: ManifestObject): string {
  const base = object.apiVersion === 'v1' ? '/api/v1' : `/apis/${object.apiVersion}`;
  const ns =
    'namespace' in object.metadata
      ? `/namespaces/${encodeURIComponent(object.metadata.namespace)}`
      : '';
  return `${base}${ns}/${PLURAL[object.kind]}`;
}

/** `Role default/pod-reader`, `ClusterRole view`. */
export function describeObject(object: ManifestObject): string {
  return 'namespace' in object.metadata
    ? `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`
    : `${object.kind} ${object.metadata.name}`;
}
