import type { RuleDraft, WizardSpec } from './wizard-spec';

/** The imperative equivalent of a spec, and what it cannot say. */
export interface KubectlCommands {
  /** `kubectl apply -f FILE`: the whole draft at once. */
  apply: string;
  /** One `kubectl create …` per object that has one, in order; each safe to paste into a shell. */
  commands: string[];
  /** What the commands do not cover, in plain words (the YAML always covers everything). */
  notes: string[];
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes a word for a POSIX shell: as is when it is plainly safe, else in single quotes. */
export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

const flag = (name: string, value: string) => `--${name}=${shellQuote(value)}`;

/** The verbs `kubectl create role` accepts. */
const KUBECTL_VERBS = new Set([
  '*',
  'get',
  'delete',
  'list',
  'create',
  'update',
  'patch',
  'watch',
  'proxy',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
]);

const RBAC = 'rbac.authorization.k8s.io';
/** Verbs kubectl accepts only on some resources, as group/resource. */
const SPECIAL_VERBS: Record<string, string[]> = {
  use: ['policy/podsecuritypolicies', 'extensions/podsecuritypolicies'],
  bind: [`${RBAC}/roles`, `${RBAC}/clusterroles`],
  escalate: [`${RBAC}/roles`, `${RBAC}/clusterroles`],
  impersonate: ['/users', '/serviceaccounts', '/groups', 'authentication.k8s.io/userextras'],
};

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * The `--verb`, `--resource` and `--resource-name` flags that make `kubectl create role` write
 * rules with the same effect, or why no such flags exist. kubectl writes one set of verbs and
 * resource names for every resource, and one rule per API group.
 */
export function ruleFlags(rules: RuleDraft[]): { flags: string[] } | { reason: string } {
  const first = rules[0];
  if (!first) return { reason: 'the role has no rules' };
  for (const [i, rule] of rules.entries()) {
    if (!sameSet(rule.verbs, first.verbs) || !sameSet(rule.resourceNames, first.resourceNames)) {
      return {
        reason: `kubectl gives every resource the same verbs and resource names, and rule ${i + 1} differs from rule 1`,
      };
    }
    if (rule.apiGroups.length !== 1) {
      return {
        reason: `rule ${i + 1} names ${rule.apiGroups.length} API groups, and kubectl takes one group per resource`,
      };
    }
    if (rule.apiGroups[0] === '*') {
      return { reason: `rule ${i + 1} matches every API group ("*"), which kubectl cannot write` };
    }
  }
  const resources = rules.flatMap((r) =>
    r.resources.map((res) => ({ res, group: r.apiGroups[0]! })),
  );
  // `--resource=*` makes kubectl drop every other resource.
  if (
    resources.some((r) => r.res === '*') &&
    (resources.length > 1 || resources[0]?.group !== '')
  ) {
    return {
      reason:
        'kubectl writes "*" only as the single resource of the core group, and these rules have more',
    };
  }
  for (const verb of first.verbs) {
    if (!KUBECTL_VERBS.has(verb)) {
      return { reason: `kubectl create role does not accept the verb ${verb}` };
    }
    const only = SPECIAL_VERBS[verb];
    if (only) {
      const bad = resources.find((r) => !only.includes(`${r.group}/${r.res.split('/')[0]}`));
      if (bad) {
        return {
          reason: `kubectl accepts the verb ${verb} only on ${only.map((o) => o.split('/')[1]).join(', ')}, not on ${bad.res}`,
        };
      }
    }
  }
  const flags = first.verbs.map((v) => flag('verb', v));
  for (const { res, group } of resources) {
    // kubectl's form is resource.group/subresource.
    const [base, sub] = res.split('/');
    flags.push(flag('resource', `${base}${group ? `.${group}` : ''}${sub ? `/${sub}` : ''}`));
  }
  for (const name of first.resourceNames) flags.push(flag('resource-name', name));
  return { flags };
}

/** Commands that create what the spec describes; the file name is the one the YAML is saved as. */
export function kubectlCommands(spec: WizardSpec, fileName: string): KubectlCommands {
  const { serviceAccount: sa, role, binding, pod } = spec;
  const commands: string[] = [];
  const notes: string[] = [];
  const q = shellQuote;

  if (sa.existing) {
    notes.push(`Uses the existing ServiceAccount ${sa.namespace}/${sa.name}: nothing to create.`);
  } else {
    commands.push(`kubectl create serviceaccount ${q(sa.name)} -n ${q(sa.namespace)}`);
  }

  // A positional argument that starts with "-" is a flag to kubectl, quoted or not.
  const flagLike = (kind: string, name: string) => {
    if (!name.startsWith('-')) return false;
    notes.push(
      `The ${kind} name ${JSON.stringify(name)} starts with "-", which kubectl would read as a flag: apply the ${kind} from the YAML.`,
    );
    return true;
  };

  const flags = ruleFlags(role.rules);
  if (flagLike(role.kind, role.name)) {
    // Noted: the YAML only.
  } else if ('flags' in flags) {
    commands.push(
      role.kind === 'Role'
        ? `kubectl create role ${q(role.name)} ${flags.flags.join(' ')} -n ${q(role.namespace)}`
        : `kubectl create clusterrole ${q(role.name)} ${flags.flags.join(' ')}`,
    );
  } else {
    notes.push(
      `The ${role.kind} cannot be written with kubectl create ${role.kind.toLowerCase()} flags: ${flags.reason}. Apply it from the YAML.`,
    );
  }

  const subjectFlags = binding.subjects.map((s) =>
    s.kind === 'ServiceAccount'
      ? flag('serviceaccount', `${s.namespace}:${s.name}`)
      : flag(s.kind === 'User' ? 'user' : 'group', s.name),
  );
  const ref = flag(role.kind === 'Role' ? 'role' : 'clusterrole', role.name);
  if (!flagLike(binding.kind, binding.name)) {
    commands.push(
      binding.kind === 'RoleBinding'
        ? `kubectl create rolebinding ${q(binding.name)} ${ref} ${subjectFlags.join(' ')} -n ${q(binding.namespace)}`
        : `kubectl create clusterrolebinding ${q(binding.name)} ${ref} ${subjectFlags.join(' ')}`,
    );
  }

  if (pod.enabled) {
    notes.push(
      `The test Pod has no kubectl create form that sets its ServiceAccount${pod.access === 'proxy' ? ' and adds a sidecar' : ''}: apply it from the YAML.`,
    );
  }
  return { apply: `kubectl apply -f ${q(fileName)}`, commands, notes };
}
