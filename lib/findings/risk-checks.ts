import type { ResourceAttributes } from '../rbac/rule-matching';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Higher is worse. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

/**
 * One request a check asks, without namespace and name (the check supplies them).
 * `clusterScoped`: the API server asks it only without a namespace (cluster-scoped resources,
 * impersonating users and groups), so only ClusterRoleBindings grant it.
 * `named`: the API server always names the object (the role bound, the user impersonated, the
 * Pod exec'd into …), so a rule limited by resourceNames grants it for those names.
 */
export interface RiskRequest {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  clusterScoped?: boolean;
  named?: boolean;
}

/** A dangerous permission, asked of the engine as one or more requests. */
export interface RiskCheck {
  rule: string;
  title: string;
  /** Severity when granted cluster-wide, and when granted in one namespace. */
  severity: { cluster: Severity; namespace: Severity };
  /** Any of these being allowed raises the finding. */
  requests: RiskRequest[];
  /** One sentence on why it matters. */
  why: string;
  /** Every request must be allowed, not just one (approving a CSR takes two permissions). */
  requireAll?: boolean;
}

/** The request as the engine takes it: in a namespace ('' = cluster-wide), maybe for one name. */
export function attributesOf(r: RiskRequest, namespace: string, name?: string): ResourceAttributes {
  const a: ResourceAttributes = { verb: r.verb, apiGroup: r.apiGroup, resource: r.resource };
  if (r.subresource) a.subresource = r.subresource;
  if (name !== undefined) a.name = name;
  a.namespace = namespace;
  return a;
}

const rbacGroup = 'rbac.authorization.k8s.io';
const NAMED = { named: true } as const;
const CLUSTER = { clusterScoped: true } as const;
const NAMED_CLUSTER = { named: true, clusterScoped: true } as const;

/** `req('create', '', 'pods/exec', NAMED)`. */
const req = (
  verb: string,
  apiGroup: string,
  resource: string,
  flags: Pick<RiskRequest, 'clusterScoped' | 'named'> = {},
): RiskRequest => {
  const [res, subresource] = resource.split('/') as [string, string | undefined];
  return { verb, apiGroup, resource: res, ...(subresource ? { subresource } : {}), ...flags };
};

/** Kinds whose Pod template (or Pod) decides the ServiceAccount and the command it runs. */
const WORKLOADS: [string, string][] = [
  ['', 'pods'],
  ['', 'replicationcontrollers'],
  ['apps', 'deployments'],
  ['apps', 'daemonsets'],
  ['apps', 'statefulsets'],
  ['apps', 'replicasets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
];

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
      req('escalate', rbacGroup, 'roles', NAMED),
      req('escalate', rbacGroup, 'clusterroles', NAMED_CLUSTER),
      req('bind', rbacGroup, 'roles', NAMED),
      // Binding a ClusterRole in a RoleBinding is asked in the RoleBinding's namespace.
      req('bind', rbacGroup, 'clusterroles', NAMED),
      req('impersonate', '', 'users', NAMED_CLUSTER),
      req('impersonate', '', 'groups', NAMED_CLUSTER),
      req('impersonate', '', 'serviceaccounts', NAMED),
    ],
    why: 'Escalate and bind get around RBAC’s protection against granting more than you hold; impersonate acts as anyone.',
  },
  {
    rule: 'node-proxy',
    title: 'can use nodes/proxy',
    severity: { cluster: 'critical', namespace: 'critical' },
    requests: [
      req('get', '', 'nodes/proxy', NAMED_CLUSTER),
      req('create', '', 'nodes/proxy', NAMED_CLUSTER),
    ],
    why: 'The kubelet API behind nodes/proxy runs commands in any Pod on the node, past admission and audit.',
  },
  {
    rule: 'webhook-config',
    title: 'can change admission webhooks',
    severity: { cluster: 'critical', namespace: 'critical' },
    requests: [
      req('create', 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations', CLUSTER),
      req('create', 'admissionregistration.k8s.io', 'validatingwebhookconfigurations', CLUSTER),
      // Changing one named webhook is enough to send every object it sees elsewhere.
      ...['update', 'patch'].flatMap((v) => [
        req(v, 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations', NAMED_CLUSTER),
        req(v, 'admissionregistration.k8s.io', 'validatingwebhookconfigurations', NAMED_CLUSTER),
      ]),
    ],
    why: 'A mutating webhook sees and rewrites every object sent to the API server, secrets included.',
  },
  {
    rule: 'rbac-write',
    title: 'can create or change roles and bindings',
    severity: { cluster: 'high', namespace: 'high' },
    requests: ['create', 'update', 'patch'].flatMap((v) => [
      req(v, rbacGroup, 'roles'),
      req(v, rbacGroup, 'rolebindings'),
      req(v, rbacGroup, 'clusterroles', CLUSTER),
      req(v, rbacGroup, 'clusterrolebindings', CLUSTER),
    ]),
    why: 'Whoever writes bindings decides who gets which of the permissions they hold.',
  },
  {
    rule: 'read-secrets',
    title: 'can read secrets',
    severity: { cluster: 'high', namespace: 'medium' },
    // A get of named Secrets only is the usual least privilege: not flagged.
    requests: [req('get', '', 'secrets'), req('list', '', 'secrets'), req('watch', '', 'secrets')],
    why: 'Secrets hold tokens and passwords; list and watch return their contents too.',
  },
  {
    rule: 'pod-exec',
    title: 'can exec, attach or port-forward into pods',
    severity: { cluster: 'high', namespace: 'medium' },
    requests: [
      req('create', '', 'pods/exec', NAMED),
      req('get', '', 'pods/exec', NAMED),
      req('create', '', 'pods/attach', NAMED),
      req('create', '', 'pods/portforward', NAMED),
      // An ephemeral container is a new shell in the Pod: exec by another name.
      req('patch', '', 'pods/ephemeralcontainers', NAMED),
      req('update', '', 'pods/ephemeralcontainers', NAMED),
    ],
    why: 'A shell in a Pod has its ServiceAccount token, its mounted secrets and its network position.',
  },
  {
    rule: 'create-workloads',
    title: 'can create or change pods or workloads',
    severity: { cluster: 'high', namespace: 'medium' },
    requests: [
      ...WORKLOADS.map(([g, r]) => req('create', g, r)),
      // Changing one is as good: a new image, command or ServiceAccount in its Pod template.
      ...['patch', 'update'].flatMap((v) => WORKLOADS.map(([g, r]) => req(v, g, r, NAMED))),
    ],
    why: 'A new or changed Pod can run any command as any ServiceAccount of its namespace, and so gains all of their permissions.',
  },
  {
    rule: 'serviceaccount-token',
    title: 'can mint ServiceAccount tokens',
    severity: { cluster: 'high', namespace: 'medium' },
    requests: [req('create', '', 'serviceaccounts/token', NAMED)],
    why: 'A TokenRequest yields a working token for a ServiceAccount, and with it its permissions.',
  },
  {
    rule: 'approve-csr',
    title: 'can approve certificate signing requests',
    severity: { cluster: 'high', namespace: 'high' },
    requests: [
      req('update', 'certificates.k8s.io', 'certificatesigningrequests/approval', NAMED_CLUSTER),
      // Asked for the signer's name, and for its domain as `domain/*`: both are resourceNames.
      req('approve', 'certificates.k8s.io', 'signers', NAMED_CLUSTER),
    ],
    why: 'An approved CSR can issue client certificates for any user or group, system:masters included.',
    requireAll: true,
  },
];
