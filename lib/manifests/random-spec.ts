import type { RuleDraft, SubjectDraft, WizardSpec } from './wizard-spec';

/**
 * Seeded random wizard specs for property tests: a mix of ordinary values and hostile ones
 * (YAML syntax, quotes, Unicode, control characters, very long strings), so that some specs are
 * valid and some are not.
 */

/** mulberry32: a small, good-enough seeded generator. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Strings that break naive YAML or shell writers; many are still valid RBAC or user names. */
export const HOSTILE_STRINGS: readonly string[] = [
  "it's",
  '"quoted"',
  `it's "both"`,
  'a: b',
  'key: value',
  '# comment',
  'a #b',
  '---',
  '...',
  '--- !!python/object',
  '{}',
  '[]',
  '{a: 1}',
  '[a, b]',
  '- item',
  '&anchor',
  '*alias',
  '!tag',
  '!!str',
  '%YAML 1.2',
  '@at',
  '`tick`',
  '|',
  '>-',
  '? q',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'true',
  'null',
  '~',
  '0o17',
  '012',
  '0x1F',
  '1e3',
  '.inf',
  '1_000',
  '1:20',
  '2001-12-14',
  '<<',
  'é',
  'ünïcödé',
  '名前',
  '🙂',
  'e\u0301',
  '\u00a0nbsp',
  '\ufeffbom',
  'a\nb',
  'a\r\nb',
  'tab\there',
  '\u2028',
  'nul\u0000',
  'a\ud800b',
  ' lead',
  'trail ',
  'x'.repeat(10_000),
  'a'.repeat(63),
  'a'.repeat(64),
  'a'.repeat(253),
  'a'.repeat(254),
  'a/b',
  '%41',
  '.',
  '..',
  '',
  'UPPER',
  "'; rm -rf / #",
  '$(reboot)',
  'a\\b',
  '${HOME}',
];

const NAMES = ['myapp1', 'web', 'api-server', 'a.b', 'x1', 'pod-reader', 'metrics.v2', 'z'];
const NAMESPACES = ['default', 'team-a', 'kube-system', 'n1', 'monitoring'];
const GROUPS = ['', 'apps', 'batch', 'networking.k8s.io', 'example.com', '*'];
const RESOURCES = [
  'pods',
  'pods/log',
  'deployments',
  'deployments/scale',
  'secrets',
  'configmaps',
  '*',
  '*/scale',
  'pods/*',
  'widgets',
];
const VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  '*',
  'escalate',
  'bind',
  'impersonate',
  'approve',
];
const PEOPLE = ['alice', 'oidc:bob@example.com', 'system:authenticated', 'devs', 'CN=Carol,O=Org'];

export function randomSpec(random: () => number): WizardSpec {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const chance = (p: number) => random() < p;
  /** Mostly ordinary values, sometimes hostile ones. */
  const value = (ordinary: readonly string[], hostility = 0.15) =>
    chance(hostility) ? pick(HOSTILE_STRINGS) : pick(ordinary);
  const some = (ordinary: readonly string[], max: number, hostility = 0.05) => {
    const n = chance(0.05) ? 0 : 1 + Math.floor(random() * max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const v = value(ordinary, hostility);
      if (!out.includes(v) || chance(0.05)) out.push(v);
    }
    return out;
  };
  const rule = (): RuleDraft => ({
    apiGroups: some(GROUPS, 2),
    resources: some(RESOURCES, 3),
    verbs: some(VERBS, 4),
    resourceNames: chance(0.3) ? some(['app-config', 'web', 'x'], 3, 0.5) : [],
  });
  const namespace = value(NAMESPACES, 0.05);
  const name = value(NAMES, 0.05);
  const roleKind = chance(0.6) ? 'Role' : 'ClusterRole';
  const bindingKind = roleKind === 'Role' || chance(0.5) ? 'RoleBinding' : 'ClusterRoleBinding';
  const roleNamespace = chance(0.9) ? namespace : value(NAMESPACES, 0.05);
  const subjects: SubjectDraft[] = [{ kind: 'ServiceAccount', name, namespace }];
  const extra = Math.floor(random() * 3);
  for (let i = 0; i < extra; i++) {
    const kind = pick(['ServiceAccount', 'User', 'Group'] as const);
    subjects.push(
      kind === 'ServiceAccount'
        ? { kind, name: value(NAMES, 0.05), namespace: chance(0.1) ? '' : value(NAMESPACES, 0.05) }
        : { kind, name: value(PEOPLE, 0.5), namespace: '' },
    );
  }
  const rules = Array.from({ length: chance(0.03) ? 0 : 1 + Math.floor(random() * 3) }, rule);
  return {
    serviceAccount: { name, namespace, existing: chance(0.2) },
    role: { kind: roleKind, name: value(NAMES, 0.4), namespace: roleNamespace, rules },
    binding: {
      kind: bindingKind,
      name: value(NAMES, 0.4),
      namespace: chance(0.95) ? roleNamespace : value(NAMESPACES, 0.05),
      subjects,
    },
    pod: { enabled: chance(0.7), name: value(NAMES, 0.05), access: chance(0.5) ? 'proxy' : 'curl' },
  };
}
