import { ruleKey, type RuleDraft } from './wizard-spec';

/** A ready-made set of rules for step 2 of the wizard. */
export interface RulePreset {
  id: string;
  label: string;
  description: string;
  rules: RuleDraft[];
}

const rule = (
  apiGroup: string,
  resources: string[],
  verbs: string[],
  resourceNames: string[] = [],
): RuleDraft => ({ apiGroups: [apiGroup], resources, verbs, resourceNames });

const READ = ['get', 'list', 'watch'];

/** The presets, least privilege first. Secrets are in none of them. */
export const RULE_PRESETS: readonly RulePreset[] = [
  {
    id: 'read-pods',
    label: 'Read pods',
    description: 'get and list pods: the seed story.',
    rules: [rule('', ['pods'], ['get', 'list'])],
  },
  {
    id: 'read-only',
    label: 'Read-only in a namespace',
    description:
      'get, list and watch the usual workload objects and their logs. Not secrets, not exec.',
    rules: [
      rule(
        '',
        [
          'pods',
          'pods/log',
          'services',
          'endpoints',
          'configmaps',
          'persistentvolumeclaims',
          'events',
        ],
        READ,
      ),
      rule('apps', ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], READ),
      rule('batch', ['jobs', 'cronjobs'], READ),
    ],
  },
  {
    id: 'manage-deployments',
    label: 'Manage deployments',
    description:
      'create, update, scale and delete deployments, and read their pods. Whoever creates deployments can run Pods as any ServiceAccount of the namespace.',
    rules: [
      rule('apps', ['deployments'], [...READ, 'create', 'update', 'patch', 'delete']),
      rule('apps', ['deployments/scale'], ['get', 'update', 'patch']),
      rule('', ['pods'], READ),
    ],
  },
  {
    id: 'read-configmap',
    label: 'Read one ConfigMap',
    description:
      'get a single ConfigMap by name. With resourceNames, list and watch match only a request for that one object by field selector, so only get.',
    rules: [rule('', ['configmaps'], ['get'], ['app-config'])],
  },
];

/** The preset whose rules these are (in any order), if any: else the rules are custom. */
export function matchingPreset(rules: RuleDraft[]): RulePreset | undefined {
  const key = rules.map(ruleKey).sort().join('\n');
  return RULE_PRESETS.find((p) => p.rules.map(ruleKey).sort().join('\n') === key);
}

/** A deep copy of a preset's rules, for putting in a draft. */
export function presetRules(preset: RulePreset): RuleDraft[] {
  return structuredClone(preset.rules) as RuleDraft[];
}
