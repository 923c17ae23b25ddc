import { describe, expect, it } from 'vitest';
import {
  defaultSpec,
  DEFAULT_SPEC,
  parseSpec,
  stepOfPath,
  validateSpec,
  wizardSpecSchema,
  type WizardSpec,
} from './wizard-spec';

/** A default spec changed by `edit`. */
const spec = (edit: (s: WizardSpec) => void): WizardSpec => {
  const s = defaultSpec();
  edit(s);
  return s;
};

describe('validateSpec', () => {
  it('accepts the seed story defaults', () => {
    expect(validateSpec(defaultSpec())).toEqual([]);
    expect(DEFAULT_SPEC.serviceAccount).toEqual({
      name: 'myapp1',
      namespace: 'default',
      existing: false,
    });
  });

  const cases: [string, (s: WizardSpec) => void, string, RegExp][] = [
    [
      'empty ServiceAccount name',
      (s) => (s.serviceAccount.name = ''),
      'serviceAccount.name',
      /ServiceAccount name is required/,
    ],
    [
      'upper-case ServiceAccount name',
      (s) => (s.serviceAccount.name = 'MyApp'),
      'serviceAccount.name',
      /"MyApp" is not a valid DNS-1123 subdomain: use lowercase letters/,
    ],
    [
      'ServiceAccount name with a colon',
      (s) => (s.serviceAccount.name = 'a:b'),
      'serviceAccount.name',
      /DNS-1123 subdomain/,
    ],
    [
      'ServiceAccount name of 254 characters',
      (s) => (s.serviceAccount.name = 'a'.repeat(254)),
      'serviceAccount.name',
      /at most 253 characters \(it has 254\)/,
    ],
    [
      'namespace with a dot',
      (s) => (s.serviceAccount.namespace = 'team.a'),
      'serviceAccount.namespace',
      /not a valid DNS-1123 label/,
    ],
    [
      'namespace of 64 characters',
      (s) => (s.serviceAccount.namespace = 'n'.repeat(64)),
      'serviceAccount.namespace',
      /at most 63 characters/,
    ],
    [
      'Role name with a slash',
      (s) => (s.role.name = 'pod/reader'),
      'role.name',
      /Role name may not contain '\/'/,
    ],
    [
      'Role name with a percent sign',
      (s) => (s.role.name = '100%'),
      'role.name',
      /may not contain '%'/,
    ],
    ['Role name "."', (s) => (s.role.name = '.'), 'role.name', /may not be "\."/],
    ['Role name ".."', (s) => (s.role.name = '..'), 'role.name', /may not be "\.\."/],
    [
      'Role name with a newline',
      (s) => (s.role.name = 'pod\nreader'),
      'role.name',
      /control characters such as newlines/,
    ],
    [
      'Role name of 10,000 characters',
      (s) => (s.role.name = 'r'.repeat(10_000)),
      'role.name',
      /at most 253 characters \(it has 10,000\)/,
    ],
    [
      'Role name with an unpaired surrogate',
      (s) => (s.role.name = 'a\ud800b'),
      'role.name',
      /broken Unicode/,
    ],
    [
      'Role name with a trailing space',
      (s) => (s.role.name = 'reader '),
      'role.name',
      /start or end with a space/,
    ],
    ['no rules', (s) => (s.role.rules = []), 'role.rules', /at least one rule/],
    [
      'empty verbs',
      (s) => (s.role.rules[0]!.verbs = []),
      'role.rules.0.verbs',
      /Rule 1: pick at least one verb/,
    ],
    [
      'no API group',
      (s) => (s.role.rules[0]!.apiGroups = []),
      'role.rules.0.apiGroups',
      /core group.*is empty ""/,
    ],
    [
      'no resources',
      (s) => (s.role.rules[0]!.resources = []),
      'role.rules.0.resources',
      /at least one resource/,
    ],
    [
      'a verb listed twice',
      (s) => (s.role.rules[0]!.verbs = ['get', 'list', 'get']),
      'role.rules.0.verbs.2',
      /Verb "get" is listed twice/,
    ],
    [
      'an upper-case resource',
      (s) => (s.role.rules[0]!.resources = ['Pods']),
      'role.rules.0.resources.0',
      /"Pods" is not a resource: use a lowercase plural/,
    ],
    [
      'a resource with two slashes',
      (s) => (s.role.rules[0]!.resources = ['pods/log/x']),
      'role.rules.0.resources.0',
      /not a resource/,
    ],
    [
      'every subresource of one resource, which RBAC never matches',
      (s) => (s.role.rules[0]!.resources = ['pods/*']),
      'role.rules.0.resources.0',
      /"pods\/\*" matches no request: RBAC has no wildcard for the subresources of one resource.*pods\/log, pods\/exec.*\*\/scale/,
    ],
    [
      'every subresource of every resource, which RBAC never matches either',
      (s) => (s.role.rules[0]!.resources = ['*/*']),
      'role.rules.0.resources.0',
      /"\*\/\*" matches no request.*use \* alone/,
    ],
    [
      'a verb with a space',
      (s) => (s.role.rules[0]!.verbs = ['get all']),
      'role.rules.0.verbs.0',
      /not a verb/,
    ],
    [
      'an API group that is not a DNS name',
      (s) => (s.role.rules[0]!.apiGroups = ['Apps!']),
      'role.rules.0.apiGroups.0',
      /not an API group: leave it empty for the core group/,
    ],
    [
      'a resource name with a slash',
      (s) => (s.role.rules[0]!.resourceNames = ['a/b']),
      'role.rules.0.resourceNames.0',
      /Resource name may not contain '\/'/,
    ],
    [
      'duplicate rules in another order',
      (s) =>
        s.role.rules.push({
          apiGroups: [''],
          resources: ['pods'],
          verbs: ['list', 'get'],
          resourceNames: [],
        }),
      'role.rules.1',
      /Rule 2 repeats rule 1/,
    ],
    [
      'a RoleBinding without a namespace',
      (s) => ((s.binding.namespace = ''), (s.role.kind = 'ClusterRole')),
      'binding.namespace',
      /RoleBinding needs a namespace/,
    ],
    [
      'a RoleBinding to a Role in another namespace',
      (s) => (s.binding.namespace = 'team-a'),
      'binding.namespace',
      /only refer to a Role in its own namespace: the Role is in default, the binding in team-a/,
    ],
    [
      'a ClusterRoleBinding to a Role',
      (s) => (s.binding.kind = 'ClusterRoleBinding'),
      'binding.kind',
      /ClusterRoleBinding can only refer to a ClusterRole/,
    ],
    ['no subjects', (s) => (s.binding.subjects = []), 'binding.subjects', /at least one subject/],
    [
      'a ServiceAccount subject without a namespace',
      (s) => (s.binding.subjects[0]!.namespace = ''),
      'binding.subjects.0.namespace',
      /needs its namespace; without one it matches nobody/,
    ],
    [
      'a ServiceAccount subject with a bad name',
      (s) => (s.binding.subjects[0]!.name = 'My App'),
      'binding.subjects.0.name',
      /DNS-1123 subdomain/,
    ],
    [
      'a User subject with a newline',
      (s) => s.binding.subjects.push({ kind: 'User', name: 'alice\nkind: Group', namespace: '' }),
      'binding.subjects.1.name',
      /Subject 2: the User name must not contain control characters/,
    ],
    [
      'an empty Group subject',
      (s) => s.binding.subjects.push({ kind: 'Group', name: '', namespace: '' }),
      'binding.subjects.1.name',
      /Group name is required/,
    ],
    [
      'the same subject twice',
      (s) => s.binding.subjects.push({ ...s.binding.subjects[0]! }),
      'binding.subjects.1',
      /Subject 2 repeats subject 1/,
    ],
    [
      'a bad Pod name',
      (s) => (s.pod.name = 'My Pod'),
      'pod.name',
      /Pod name "My Pod" is not a valid DNS-1123 subdomain/,
    ],
  ];

  it.each(cases)('rejects %s', (_name, edit, path, message) => {
    const issues = validateSpec(spec(edit));
    expect(issues.map((i) => i.path.join('.'))).toContain(path);
    expect(issues.find((i) => i.path.join('.') === path)!.message).toMatch(message);
  });

  const valid: [string, (s: WizardSpec) => void][] = [
    [
      'a Role name with quotes, a colon and a hash',
      (s) => (s.role.name = s.binding.name = `it's: "odd" # ---`),
    ],
    ['a Role name in Unicode', (s) => (s.role.name = 'lecteur-de-pods-é✓')],
    ['a Role name like YAML', (s) => (s.role.name = 'key: value')],
    [
      'a User subject with colons',
      (s) =>
        s.binding.subjects.push({ kind: 'User', name: 'oidc:alice@example.com', namespace: '' }),
    ],
    [
      'a User subject that reads like a boolean',
      (s) => s.binding.subjects.push({ kind: 'User', name: 'yes', namespace: '' }),
    ],
    [
      'a bad Pod name when there is no Pod',
      (s) => ((s.pod.enabled = false), (s.pod.name = 'Bad Name')),
    ],
    [
      'a RoleBinding to a ClusterRole in another namespace',
      (s) => ((s.role.kind = 'ClusterRole'), (s.binding.namespace = 'team-a')),
    ],
    [
      'a ClusterRoleBinding to a ClusterRole',
      (s) => ((s.role.kind = 'ClusterRole'), (s.binding.kind = 'ClusterRoleBinding')),
    ],
    [
      'wildcards and subresource forms',
      (s) =>
        (s.role.rules[0] = {
          apiGroups: ['*'],
          resources: ['*', '*/scale', 'pods/exec'],
          verbs: ['*'],
          resourceNames: [],
        }),
    ],
    [
      'a namespace of exactly 63 characters',
      (s) => (s.serviceAccount.namespace = s.binding.subjects[0]!.namespace = 'n'.repeat(63)),
    ],
  ];

  it.each(valid)('accepts %s', (_name, edit) => {
    expect(validateSpec(spec(edit))).toEqual([]);
  });

  it('ignores the namespace of a ClusterRole, but not a missing Role namespace', () => {
    expect(
      validateSpec(spec((s) => ((s.role.kind = 'ClusterRole'), (s.role.namespace = '')))),
    ).toEqual([]);
    expect(
      validateSpec(spec((s) => (s.role.namespace = ''))).map((i) => i.path.join('.')),
    ).toContain('role.namespace');
  });
});

describe('parseSpec and the zod schema', () => {
  it('parses a valid spec and strips unknown fields', () => {
    const parsed = parseSpec({ ...defaultSpec(), extra: 1 });
    expect(parsed).toEqual({ ok: true, spec: defaultSpec() });
  });

  it('rejects input of the wrong shape with the path of the problem', () => {
    const parsed = parseSpec({
      ...defaultSpec(),
      pod: { enabled: 'yes', name: 'x', access: 'proxy' },
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]!.message).toMatch(/^pod\.enabled: /);
    expect(parseSpec('spec').ok).toBe(false);
  });

  it('rejects a well-shaped but invalid spec with the validation messages', () => {
    const parsed = parseSpec(spec((s) => (s.serviceAccount.name = 'Bad')));
    expect(parsed).toMatchObject({ ok: false, issues: [{ path: ['serviceAccount', 'name'] }] });
    const zod = wizardSpecSchema.safeParse(spec((s) => (s.role.rules[0]!.verbs = [])));
    expect(zod.success).toBe(false);
    expect(zod.error?.issues.map((i) => i.message)).toEqual(['Rule 1: pick at least one verb.']);
  });

  it('maps a field to its step', () => {
    expect(stepOfPath(['serviceAccount', 'name'])).toBe(0);
    expect(stepOfPath(['role', 'rules', 0, 'verbs'])).toBe(1);
    expect(stepOfPath(['binding', 'subjects', 1, 'namespace'])).toBe(2);
    expect(stepOfPath(['pod', 'name'])).toBe(3);
  });
});
