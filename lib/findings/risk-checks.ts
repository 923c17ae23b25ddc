import type { ResourceAttributes } from '../rbac/rule-matching';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Higher is worse. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

/** A dangerous permission, asked of the engine as one or more requests. */
export interface RiskCheck {
  rule: string;
  title: string;
  /** Severity when granted cluster-wide, and when granted in one namespace. */
  severity: { cluster: Severity; namespace: Severity };
  /** Any of these being allowed raises the finding. */
  requests: Omit<ResourceAttributes, 'namespace'>[];
  /** One sentence on why it matters. */
  why: string;
  /** Cluster-scoped resources: only cluster-wide grants count. */
  clusterScoped?: boolean;
  /** Every request must be allowed, not just one (approving a CSR takes two permissions). */
  requireAll?: boolean;
}

const rbacGroup = 'rbac.authorization.k8s.io';
const req = (verb: string, apiGroup: string, resource: string, subresource?: string) =>
  subresource ? { verb, apiGroup, resource, subresource } : { verb, apiGroup, resource };

/** The risky permissions flagged, most severe first. */
export const RISK_CHECKS: readonly RiskCheck[] = [
  {
    rule: 'everything',
    title: 'can do anything',
    severity: { cluster: 'critical', namespace: 'high' },
    requests: [req('*', '*', '*')],
    why: 'Every verb on every resource: full control, including reading every secret and granting itself more.',
  },
  {
    rule: 'escalate-bind-impersonate',
    title: 'can escalate, bind or impersonate',
    severity: { cluster: 'critical', namespace: 'high' },
    requests: [
      req('escalate', rbacGroup, 'roles'),
      req('escalate', rbacGroup, 'clusterroles'),
      req('bind', rbacGroup, 'roles'),
      req('bind', rbacGroup, 'clusterroles'),
      req('impersonate', '', 'users'),
      req('impersonate', '', 'groups'),
      req('impersonate', '', 'serviceaccounts'),
    ],
    why: 'Escalate and bind get around RBAC’s protection against granting more than you hold; impersonate acts as anyone.',
  },
  {
    rule: 'node-proxy',
    title: 'can use nodes/proxy',
    severity: { cluster: 'critical', namespace: 'critical' },
    requests: [req('get', '', 'nodes', 'proxy'), req('create', '', 'nodes', 'proxy')],
    why: 'The kubelet API behind nodes/proxy runs commands in any Pod on the node, past admission and audit.',
    clusterScoped: true,
  },
  {
    rule: 'webhook-config',
    title: 'can change admission webhooks',
    severity: { cluster: 'critical', namespace: 'critical' },
    requests: ['create', 'update', 'patch'].flatMap((v) => [
      req(v, 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations'),
      req(v, 'admissionregistration.k8s.io', 'validatingwebhookconfigurations'),
    ]),
    why: 'A mutating webhook sees and rewrites every object sent to the API server, secrets included.',
    clusterScoped: true,
  },
  {
    rule: 'rbac-write',
    title: 'can create or change roles and bindings',
    severity: { cluster: 'high', namespace: 'high' },
    requests: ['create', 'update', 'patch'].flatMap((v) => [
      req(v, rbacGroup, 'roles'),
      req(v, rbacGroup, 'rolebindings'),
      req(v, rbacGroup, 'clusterroles'),
      req(v, rbacGroup, 'clusterrolebindings'),
    ]),
    why: 'Whoever writes bindings decides who gets which of the permissions they hold.',
  },
  {
    rule: 'read-secrets',
    title: 'can read secrets',
    severity: { cluster: 'high', namespace: 'medium' },
    requests: [req('get', '', 'secrets'), req('list', '', 'secrets'), req('watch', '', 'secrets')],
    why: 'Secrets hold tokens and passwords; list and watch return their contents too.',
  },
  {
    rule: 'pod-exec',
    title: 'can exec, attach or port-forward into pods',
    severity: { cluster: 'high', namespace: 'medium' },
    requests: [
      req('create', '', 'pods', 'exec'),
      req('get', '', 'pods', 'exec'),
      req('create', '', 'pods', 'attach'),
      req('create', '', 'pods', 'portforward'),
    ],
    why: 'A shell in a Pod has its ServiceAccount token, its mounted secrets and its network position.',
  },
  {
    rule: 'create-workloads',
    title: 'can create pods or workloads',
    severity: { cluster: 'high', namespace: 'medium' },
    requests: [
      req('create', '', 'pods'),
      req('create', 'apps', 'deployments'),
      req('create', 'apps', 'daemonsets'),
      req('create', 'apps', 'statefulsets'),
      req('create', 'apps', 'replicasets'),
      req('create', 'batch', 'jobs'),
      req('create', 'batch', 'cronjobs'),
    ],
    why: 'A new Pod can run as any ServiceAccount of its namespace, and so gains all of their permissions.',
  },
  {
    rule: 'serviceaccount-token',
    title: 'can mint ServiceAccount tokens',
    severity: { cluster: 'high', namespace: 'medium' },
    requests: [req('create', '', 'serviceaccounts', 'token')],
    why: 'A TokenRequest yields a working token for a ServiceAccount, and with it its permissions.',
  },
  {
    rule: 'approve-csr',
    title: 'can approve certificate signing requests',
    severity: { cluster: 'high', namespace: 'high' },
    requests: [
      req('update', 'certificates.k8s.io', 'certificatesigningrequests', 'approval'),
      req('approve', 'certificates.k8s.io', 'signers'),
    ],
    why: 'An approved CSR can issue client certificates for any user or group, system:masters included.',
    clusterScoped: true,
    requireAll: true,
  },
];
