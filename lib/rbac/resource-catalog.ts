/**
 * The built-in list of common Kubernetes resources, for when API discovery is not available:
 * resolving `deployments` to the apps group, knowing that nodes are cluster-scoped, and
 * feeding pickers.
 */

export interface ResourceInfo {
  resource: string;
  group: string;
  namespaced: boolean;
  /** Subresources commonly granted on their own. */
  subresources?: string[];
}

export const COMMON_VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'escalate',
  'bind',
  'impersonate',
  'approve',
  'sign',
  'use',
] as const;

const r = (
  resource: string,
  group: string,
  namespaced: boolean,
  subresources?: string[],
): ResourceInfo =>
  subresources ? { resource, group, namespaced, subresources } : { resource, group, namespaced };

export const COMMON_RESOURCES: readonly ResourceInfo[] = [
  r('pods', '', true, [
    'log',
    'exec',
    'attach',
    'portforward',
    'status',
    'eviction',
    'ephemeralcontainers',
    'binding',
  ]),
  r('services', '', true, ['proxy', 'status']),
  r('endpoints', '', true),
  r('configmaps', '', true),
  r('secrets', '', true),
  r('serviceaccounts', '', true, ['token']),
  r('persistentvolumeclaims', '', true, ['status']),
  r('events', '', true),
  r('limitranges', '', true),
  r('resourcequotas', '', true, ['status']),
  r('replicationcontrollers', '', true, ['scale', 'status']),
  r('podtemplates', '', true),
  r('bindings', '', true),
  r('namespaces', '', false, ['status', 'finalize']),
  r('nodes', '', false, ['proxy', 'status']),
  r('persistentvolumes', '', false, ['status']),
  r('componentstatuses', '', false),
  r('deployments', 'apps', true, ['scale', 'status']),
  r('replicasets', 'apps', true, ['scale', 'status']),
  r('statefulsets', 'apps', true, ['scale', 'status']),
  r('daemonsets', 'apps', true, ['status']),
  r('controllerrevisions', 'apps', true),
  r('jobs', 'batch', true, ['status']),
  r('cronjobs', 'batch', true, ['status']),
  r('horizontalpodautoscalers', 'autoscaling', true, ['status']),
  r('ingresses', 'networking.k8s.io', true, ['status']),
  r('ingressclasses', 'networking.k8s.io', false),
  r('networkpolicies', 'networking.k8s.io', true),
  r('poddisruptionbudgets', 'policy', true, ['status']),
  r('roles', 'rbac.authorization.k8s.io', true),
  r('rolebindings', 'rbac.authorization.k8s.io', true),
  r('clusterroles', 'rbac.authorization.k8s.io', false),
  r('clusterrolebindings', 'rbac.authorization.k8s.io', false),
  r('storageclasses', 'storage.k8s.io', false),
  r('csidrivers', 'storage.k8s.io', false),
  r('csinodes', 'storage.k8s.io', false),
  r('volumeattachments', 'storage.k8s.io', false, ['status']),
  r('customresourcedefinitions', 'apiextensions.k8s.io', false, ['status']),
  r('apiservices', 'apiregistration.k8s.io', false, ['status']),
  r('mutatingwebhookconfigurations', 'admissionregistration.k8s.io', false),
  r('validatingwebhookconfigurations', 'admissionregistration.k8s.io', false),
  r('validatingadmissionpolicies', 'admissionregistration.k8s.io', false, ['status']),
  r('validatingadmissionpolicybindings', 'admissionregistration.k8s.io', false),
  r('certificatesigningrequests', 'certificates.k8s.io', false, ['approval', 'status']),
  r('signers', 'certificates.k8s.io', false),
  r('leases', 'coordination.k8s.io', true),
  r('endpointslices', 'discovery.k8s.io', true),
  r('priorityclasses', 'scheduling.k8s.io', false),
  r('runtimeclasses', 'node.k8s.io', false),
  r('tokenreviews', 'authentication.k8s.io', false),
  r('selfsubjectreviews', 'authentication.k8s.io', false),
  r('subjectaccessreviews', 'authorization.k8s.io', false),
  r('selfsubjectaccessreviews', 'authorization.k8s.io', false),
  r('selfsubjectrulesreviews', 'authorization.k8s.io', false),
  r('localsubjectaccessreviews', 'authorization.k8s.io', true),
  r('flowschemas', 'flowcontrol.apiserver.k8s.io', false, ['status']),
  r('prioritylevelconfigurations', 'flowcontrol.apiserver.k8s.io', false, ['status']),
  r('podsecuritypolicies', 'policy', false),
  r('resourceclaims', 'resource.k8s.io', true, ['status']),
  r('deviceclasses', 'resource.k8s.io', false),
  r('resourceslices', 'resource.k8s.io', false),
];

const byName = new Map<string, ResourceInfo[]>();
for (const info of COMMON_RESOURCES) {
  const list = byName.get(info.resource) ?? [];
  list.push(info);
  byName.set(info.resource, list);
}

/**
 * Finds a resource by name, and group when given. Without a group the first known one wins
 * (as discovery's preferred group would), e.g. `deployments` → apps.
 */
export function findResource(resource: string, group?: string): ResourceInfo | undefined {
  const candidates = byName.get(resource);
  if (!candidates) return undefined;
  return group === undefined ? candidates[0] : candidates.find((c) => c.group === group);
}
