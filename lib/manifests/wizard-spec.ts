import { z } from 'zod';
import { DNS_LABEL, DNS_SUBDOMAIN } from '../rbac/object-names';

/**
 * The wizard's draft: a ServiceAccount, one Role or ClusterRole, one binding and an optional
 * test Pod. The draft schema checks only the shape (so half-finished drafts survive in the URL);
 * `validateSpec` checks everything Kubernetes would, with messages a user can act on.
 */

/** Hard caps on the draft's shape, far above anything valid, to bound what a URL can carry. */
const RAW_TEXT_MAX = 20_000;
const RAW_LIST_MAX = 200;

/** Limits of a valid spec. */
export const LIMITS = {
  dnsLabel: 63,
  dnsSubdomain: 253,
  rbacName: 253,
  subjectName: 512,
  verb: 63,
  rules: 20,
  subjects: 20,
  listItems: 50,
} as const;

const text = z.string().max(RAW_TEXT_MAX);
const list = z.array(text).max(RAW_LIST_MAX);

export const SUBJECT_KINDS = ['ServiceAccount', 'User', 'Group'] as const;
export const ROLE_KINDS = ['Role', 'ClusterRole'] as const;
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;
export const POD_ACCESS = ['proxy', 'curl'] as const;

export const ruleDraftSchema = z.object({
  apiGroups: list,
  resources: list,
  verbs: list,
  resourceNames: list,
});

export const subjectDraftSchema = z.object({
  kind: z.enum(SUBJECT_KINDS),
  name: text,
  /** Only for ServiceAccount subjects; ignored for users and groups. */
  namespace: text,
});

export const wizardDraftSchema = z.object({
  serviceAccount: z.object({
    name: text,
    namespace: text,
    /** Use a ServiceAccount that already exists instead of writing one. */
    existing: z.boolean(),
  }),
  role: z.object({
    kind: z.enum(ROLE_KINDS),
    name: text,
    /** Only for a Role. */
    namespace: text,
    rules: z.array(ruleDraftSchema).max(RAW_LIST_MAX),
  }),
  binding: z.object({
    kind: z.enum(BINDING_KINDS),
    name: text,
    /** Only for a RoleBinding: where it grants. */
    namespace: text,
    subjects: z.array(subjectDraftSchema).max(RAW_LIST_MAX),
  }),
  pod: z.object({
    enabled: z.boolean(),
    name: text,
    /** How the Pod reaches the API: a `kubectl proxy` sidecar, or curl with the mounted token. */
    access: z.enum(POD_ACCESS),
  }),
});

export type WizardSpec = z.infer<typeof wizardDraftSchema>;
export type RuleDraft = z.infer<typeof ruleDraftSchema>;
export type SubjectDraft = z.infer<typeof subjectDraftSchema>;

/** The seed story: myapp1 in default may get and list pods there, and a Pod runs as it. */
export const DEFAULT_SPEC: WizardSpec = {
  serviceAccount: { name: 'myapp1', namespace: 'default', existing: false },
  role: {
    kind: 'Role',
    name: 'pod-reader',
    namespace: 'default',
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'], resourceNames: [] }],
  },
  binding: {
    kind: 'RoleBinding',
    name: 'read-pods',
    namespace: 'default',
    subjects: [{ kind: 'ServiceAccount', name: 'myapp1', namespace: 'default' }],
  },
  pod: { enabled: true, name: 'myapp1', access: 'proxy' },
};

/** A fresh copy of the defaults (callers may mutate it). */
export function defaultSpec(): WizardSpec {
  return structuredClone(DEFAULT_SPEC);
}

/** One problem, at the path of the field it is about (`['role', 'rules', 0, 'verbs']`). */
export interface SpecIssue {
  path: (string | number)[];
  message: string;
}

/** C0 and C1 control characters, DEL, and line/paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
/** In a `u` regex, a surrogate code unit only matches when it is unpaired. */
const LONE_SURROGATE = /\p{Cs}/u;
const VERB = /^(\*|[a-z]+)$/;
const RESOURCE_PART = '(\\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)';
const RESOURCE = new RegExp(`^${RESOURCE_PART}(/${RESOURCE_PART})?$`);

/** A value quoted for a message: JSON shows hidden characters; long values are cut. */
export function quoteValue(value: string): string {
  const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(cut);
}

/** Problems with free text that no field accepts: hidden characters and broken Unicode. */
function textProblem(value: string): string | undefined {
  if (CONTROL.test(value)) return 'must not contain control characters such as newlines or tabs';
  if (LONE_SURROGATE.test(value)) return 'contains broken Unicode (an unpaired surrogate)';
  return undefined;
}

function tooLong(value: string, max: number): string | undefined {
  return value.length > max
    ? `must be at most ${max} characters (it has ${value.length.toLocaleString('en')})`
    : undefined;
}

/** A DNS-1123 label: namespaces. */
export function dnsLabelProblem(value: string): string | undefined {
  if (value === '') return 'is required';
  const long = tooLong(value, LIMITS.dnsLabel);
  if (long) return long;
  if (!DNS_LABEL.test(value)) {
    return `${quoteValue(value)} is not a valid DNS-1123 label: use lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. default, team-a)`;
  }
  return undefined;
}

/** A DNS-1123 subdomain: ServiceAccount and Pod names. */
export function dnsSubdomainProblem(value: string): string | undefined {
  if (value === '') return 'is required';
  const long = tooLong(value, LIMITS.dnsSubdomain);
  if (long) return long;
  if (!DNS_SUBDOMAIN.test(value)) {
    return `${quoteValue(value)} is not a valid DNS-1123 subdomain: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. myapp1)`;
  }
  return undefined;
}

/**
 * Names of Roles, bindings and objects in resourceNames, as Kubernetes validates them (a path
 * segment: not `.` or `..`, no `/` or `%`), and without hidden characters or stray spaces.
 */
export function pathSegmentProblem(
  value: string,
  max: number = LIMITS.rbacName,
): string | undefined {
  if (value === '') return 'is required';
  const long = tooLong(value, max);
  if (long) return long;
  const hidden = textProblem(value);
  if (hidden) return hidden;
  if (value === '.' || value === '..') return `may not be ${quoteValue(value)}`;
  if (value.includes('/')) return `may not contain '/' (${quoteValue(value)})`;
  if (value.includes('%')) return `may not contain '%' (${quoteValue(value)})`;
  if (value.trim() !== value) return 'may not start or end with a space';
  return undefined;
}

/** User and group names: any text, within reason. */
function subjectNameProblem(value: string): string | undefined {
  if (value === '') return 'is required';
  const long = tooLong(value, LIMITS.subjectName);
  if (long) return long;
  const hidden = textProblem(value);
  if (hidden) return hidden;
  if (value.trim() !== value) return 'may not start or end with a space';
  return undefined;
}

function apiGroupProblem(value: string): string | undefined {
  if (value === '' || value === '*') return undefined;
  const long = tooLong(value, LIMITS.dnsSubdomain);
  if (long) return long;
  if (!DNS_SUBDOMAIN.test(value)) {
    return `${quoteValue(value)} is not an API group: leave it empty for the core group, or use a DNS name such as apps or networking.k8s.io`;
  }
  return undefined;
}

function resourceProblem(value: string): string | undefined {
  if (value === '') return 'an empty resource matches nothing';
  const long = tooLong(value, LIMITS.dnsSubdomain);
  if (long) return long;
  if (!RESOURCE.test(value)) {
    return `${quoteValue(value)} is not a resource: use a lowercase plural such as pods, optionally with a subresource (pods/log), or *`;
  }
  // RBAC matches `*`, the exact resource or resource/subresource, and `*/sub`: never `pods/*`.
  if (value.endsWith('/*')) {
    const base = value.slice(0, -2);
    return base === '*'
      ? `${quoteValue(value)} matches no request: RBAC has no wildcard for subresources; use * alone for every resource and subresource`
      : `${quoteValue(value)} matches no request: RBAC has no wildcard for the subresources of one resource. List the ones needed (${base}/log, ${base}/exec …), or use */SUB for one subresource of every resource, as in */scale`;
  }
  return undefined;
}

function verbProblem(value: string): string | undefined {
  if (value === '') return 'an empty verb matches nothing';
  const long = tooLong(value, LIMITS.verb);
  if (long) return long;
  if (!VERB.test(value)) {
    return `${quoteValue(value)} is not a verb: use lowercase letters (get, list, watch …) or *`;
  }
  return undefined;
}

const sortedKey = (xs: string[]) => JSON.stringify([...xs].sort());

/** A rule's identity regardless of the order of its lists. */
export function ruleKey(rule: RuleDraft): string {
  return [rule.apiGroups, rule.resources, rule.verbs, rule.resourceNames].map(sortedKey).join('|');
}

function checkList(
  issues: SpecIssue[],
  path: (string | number)[],
  values: string[],
  what: string,
  problem: (v: string) => string | undefined,
): void {
  if (values.length > LIMITS.listItems) {
    issues.push({ path, message: `At most ${LIMITS.listItems} ${what}s per rule.` });
    return;
  }
  const seen = new Set<string>();
  for (const [i, v] of values.entries()) {
    const p = problem(v);
    if (p) {
      issues.push({ path: [...path, i], message: `${capitalize(what)} ${p}.` });
    } else if (seen.has(v)) {
      issues.push({
        path: [...path, i],
        message: `${capitalize(what)} ${quoteValue(v)} is listed twice.`,
      });
    }
    seen.add(v);
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Everything wrong with a spec, each at its field's path, in the order of the wizard's steps.
 * An empty list means the spec is valid: it builds objects the API server accepts.
 */
export function validateSpec(spec: WizardSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const add = (path: (string | number)[], label: string, problem: string | undefined) => {
    if (problem) issues.push({ path, message: `${label} ${problem}.` });
  };
  const { serviceAccount: sa, role, binding, pod } = spec;

  add(['serviceAccount', 'name'], 'The ServiceAccount name', dnsSubdomainProblem(sa.name));
  add(['serviceAccount', 'namespace'], 'The namespace', dnsLabelProblem(sa.namespace));

  add(['role', 'name'], `The ${role.kind} name`, pathSegmentProblem(role.name));
  if (role.kind === 'Role')
    add(['role', 'namespace'], 'The namespace', dnsLabelProblem(role.namespace));
  if (role.rules.length === 0) {
    issues.push({
      path: ['role', 'rules'],
      message: 'Add at least one rule: a role without rules grants nothing.',
    });
  } else if (role.rules.length > LIMITS.rules) {
    issues.push({ path: ['role', 'rules'], message: `At most ${LIMITS.rules} rules.` });
  }
  const seenRules = new Map<string, number>();
  for (const [i, rule] of role.rules.slice(0, LIMITS.rules).entries()) {
    const at = ['role', 'rules', i];
    if (rule.verbs.length === 0) {
      issues.push({ path: [...at, 'verbs'], message: `Rule ${i + 1}: pick at least one verb.` });
    }
    if (rule.apiGroups.length === 0) {
      issues.push({
        path: [...at, 'apiGroups'],
        message: `Rule ${i + 1}: name at least one API group (the core group, of pods and secrets, is empty "").`,
      });
    }
    if (rule.resources.length === 0) {
      issues.push({
        path: [...at, 'resources'],
        message: `Rule ${i + 1}: name at least one resource.`,
      });
    }
    checkList(issues, [...at, 'verbs'], rule.verbs, 'verb', verbProblem);
    checkList(issues, [...at, 'apiGroups'], rule.apiGroups, 'API group', apiGroupProblem);
    checkList(issues, [...at, 'resources'], rule.resources, 'resource', resourceProblem);
    checkList(issues, [...at, 'resourceNames'], rule.resourceNames, 'resource name', (v) =>
      pathSegmentProblem(v),
    );
    const key = ruleKey(rule);
    const first = seenRules.get(key);
    if (first !== undefined) {
      issues.push({
        path: at,
        message: `Rule ${i + 1} repeats rule ${first + 1}: remove one of them.`,
      });
    } else {
      seenRules.set(key, i);
    }
  }

  add(['binding', 'name'], `The ${binding.kind} name`, pathSegmentProblem(binding.name));
  if (binding.kind === 'RoleBinding') {
    const nsProblem = dnsLabelProblem(binding.namespace);
    if (binding.namespace === '') {
      issues.push({
        path: ['binding', 'namespace'],
        message: 'A RoleBinding needs a namespace: it grants only in its own namespace.',
      });
    } else {
      add(['binding', 'namespace'], 'The namespace', nsProblem);
    }
    if (!nsProblem && role.kind === 'Role' && binding.namespace !== role.namespace) {
      issues.push({
        path: ['binding', 'namespace'],
        message: `A RoleBinding can only refer to a Role in its own namespace: the Role is in ${role.namespace || '(no namespace)'}, the binding in ${binding.namespace}. Put both in one namespace, or use a ClusterRole.`,
      });
    }
  } else if (role.kind === 'Role') {
    issues.push({
      path: ['binding', 'kind'],
      message:
        'A ClusterRoleBinding can only refer to a ClusterRole: make the role a ClusterRole, or use a RoleBinding.',
    });
  }
  if (binding.subjects.length === 0) {
    issues.push({
      path: ['binding', 'subjects'],
      message: 'Add at least one subject: a binding without subjects grants nothing.',
    });
  } else if (binding.subjects.length > LIMITS.subjects) {
    issues.push({ path: ['binding', 'subjects'], message: `At most ${LIMITS.subjects} subjects.` });
  }
  const seenSubjects = new Map<string, number>();
  for (const [i, s] of binding.subjects.slice(0, LIMITS.subjects).entries()) {
    const at = ['binding', 'subjects', i];
    if (s.kind === 'ServiceAccount') {
      add(
        [...at, 'name'],
        `Subject ${i + 1}: the ServiceAccount name`,
        dnsSubdomainProblem(s.name),
      );
      if (s.namespace === '') {
        issues.push({
          path: [...at, 'namespace'],
          message: `Subject ${i + 1}: a ServiceAccount subject needs its namespace; without one it matches nobody.`,
        });
      } else {
        add([...at, 'namespace'], `Subject ${i + 1}: the namespace`, dnsLabelProblem(s.namespace));
      }
    } else {
      add([...at, 'name'], `Subject ${i + 1}: the ${s.kind} name`, subjectNameProblem(s.name));
    }
    const key =
      s.kind === 'ServiceAccount' ? `${s.kind}:${s.namespace}:${s.name}` : `${s.kind}:${s.name}`;
    const first = seenSubjects.get(key);
    if (first !== undefined) {
      issues.push({
        path: at,
        message: `Subject ${i + 1} repeats subject ${first + 1}: remove one of them.`,
      });
    } else {
      seenSubjects.set(key, i);
    }
  }

  if (pod.enabled) add(['pod', 'name'], 'The Pod name', dnsSubdomainProblem(pod.name));
  return issues;
}

/** The schema of a valid spec: the draft's shape plus every check of `validateSpec`. */
export const wizardSpecSchema = wizardDraftSchema.superRefine((spec, ctx) => {
  for (const issue of validateSpec(spec)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
});

export type ParsedSpec = { ok: true; spec: WizardSpec } | { ok: false; issues: SpecIssue[] };

/** Parses untrusted input (a request body, a decoded URL) into a valid spec, or its issues. */
export function parseSpec(input: unknown): ParsedSpec {
  const shape = wizardDraftSchema.safeParse(input);
  if (!shape.success) {
    return {
      ok: false,
      issues: shape.error.issues.map((i) => ({
        path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: `${i.path.join('.') || 'The draft'}: ${i.message}`,
      })),
    };
  }
  const issues = validateSpec(shape.data);
  return issues.length === 0 ? { ok: true, spec: shape.data } : { ok: false, issues };
}

/** Which step of the wizard a field belongs to (0–3), for sending the user back to it. */
export function stepOfPath(path: (string | number)[]): number {
  switch (path[0]) {
    case 'serviceAccount':
      return 0;
    case 'role':
      return 1;
    case 'binding':
      return 2;
    default:
      return 3;
  }
}
