import { describe, expect, it } from 'vitest';
import { kubectlCommands, ruleFlags, shellQuote } from './kubectl-commands';
import { defaultSpec, validateSpec, type RuleDraft, type WizardSpec } from './wizard-spec';

const spec = (edit: (s: WizardSpec) => void = () => {}): WizardSpec => {
  const s = defaultSpec();
  edit(s);
  expect(validateSpec(s)).toEqual([]);
  return s;
};

const rule = (verbs: string, apiGroup: string, resources: string, names = ''): RuleDraft => ({
  verbs: verbs.split(','),
  apiGroups: [apiGroup],
  resources: resources.split(','),
  resourceNames: names ? names.split(',') : [],
});

describe('shellQuote', () => {
  it.each([
    ['pod-reader', 'pod-reader'],
    ['default:myapp1', 'default:myapp1'],
    ['deployments.apps/scale', 'deployments.apps/scale'],
    ['*', "'*'"],
    ['', "''"],
    ['two words', "'two words'"],
    ["it's", "'it'\\''s'"],
    ['$(reboot)', "'$(reboot)'"],
    ['`id`; rm -rf /', "'`id`; rm -rf /'"],
    ['a"b', `'a"b'`],
    ['é', "'é'"],
  ])('%j → %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});

describe('kubectlCommands', () => {
  it('writes the seed story as kubectl would', () => {
    expect(kubectlCommands(spec(), 'myapp1-rbac.yaml')).toEqual({
      apply: 'kubectl apply -f myapp1-rbac.yaml',
      commands: [
        'kubectl create serviceaccount myapp1 -n default',
        'kubectl create role pod-reader --verb=get --verb=list --resource=pods -n default',
        'kubectl create rolebinding read-pods --role=pod-reader --serviceaccount=default:myapp1 -n default',
      ],
      notes: [
        'The test Pod has no kubectl create form that sets its ServiceAccount and adds a sidecar: apply it from the YAML.',
      ],
    });
  });

  it('writes a ClusterRole, a ClusterRoleBinding and every kind of subject, quoted', () => {
    const out = kubectlCommands(
      spec((s) => {
        s.serviceAccount.existing = true;
        s.pod.enabled = false;
        s.role.kind = 'ClusterRole';
        s.role.name = "it's-a-role";
        s.binding.kind = 'ClusterRoleBinding';
        s.binding.subjects.push(
          { kind: 'User', name: 'oidc:alice', namespace: '' },
          { kind: 'Group', name: 'site reliability', namespace: '' },
        );
      }),
      'myapp1-rbac.yaml',
    );
    expect(out.commands).toEqual([
      "kubectl create clusterrole 'it'\\''s-a-role' --verb=get --verb=list --resource=pods",
      "kubectl create clusterrolebinding read-pods --clusterrole='it'\\''s-a-role' --serviceaccount=default:myapp1 --user=oidc:alice --group='site reliability'",
    ]);
    expect(out.notes).toEqual([
      'Uses the existing ServiceAccount default/myapp1: nothing to create.',
    ]);
  });

  it('says plainly when the rules cannot be written as flags', () => {
    const out = kubectlCommands(
      spec((s) => s.role.rules.push(rule('get,list,watch', 'apps', 'deployments'))),
      'x.yaml',
    );
    expect(out.commands.some((c) => c.startsWith('kubectl create role '))).toBe(false);
    expect(out.notes[0]).toBe(
      'The Role cannot be written with kubectl create role flags: kubectl gives every resource the same verbs and resource names, and rule 2 differs from rule 1. Apply it from the YAML.',
    );
    expect(out.commands[1]).toMatch(/^kubectl create rolebinding read-pods --role=pod-reader/);
  });

  it('writes no create command for a name kubectl would read as a flag', () => {
    const out = kubectlCommands(
      spec((s) => {
        s.role.name = '-x';
        s.binding.name = '--dry-run=server';
        s.pod.enabled = false;
      }),
      'f.yaml',
    );
    expect(out.commands).toEqual(['kubectl create serviceaccount myapp1 -n default']);
    expect(out.notes).toEqual([
      'The Role name "-x" starts with "-", which kubectl would read as a flag: apply the Role from the YAML.',
      'The RoleBinding name "--dry-run=server" starts with "-", which kubectl would read as a flag: apply the RoleBinding from the YAML.',
    ]);
  });

  it('keeps a flag value that starts with "-" in its flag', () => {
    const out = kubectlCommands(
      spec((s) => {
        s.role.kind = 'ClusterRole';
        s.binding.subjects.push({ kind: 'User', name: '-alice', namespace: '' });
        s.role.rules[0]!.resourceNames = ['-web'];
        s.role.rules[0]!.verbs = ['get'];
      }),
      'f.yaml',
    );
    expect(out.commands).toContain(
      'kubectl create rolebinding read-pods --clusterrole=pod-reader --serviceaccount=default:myapp1 --user=-alice -n default',
    );
    expect(out.commands).toContain(
      'kubectl create clusterrole pod-reader --verb=get --resource=pods --resource-name=-web',
    );
  });

  it('names the curl Pod without a sidecar', () => {
    expect(
      kubectlCommands(
        spec((s) => (s.pod.access = 'curl')),
        'x.yaml',
      ).notes,
    ).toEqual([
      'The test Pod has no kubectl create form that sets its ServiceAccount: apply it from the YAML.',
    ]);
  });
});

describe('ruleFlags', () => {
  it.each<[string, RuleDraft[], string[]]>([
    ['one rule', [rule('get,list', '', 'pods')], ['--verb=get', '--verb=list', '--resource=pods']],
    [
      'rules in several groups with the same verbs',
      [rule('get', '', 'pods,pods/log'), rule('get', 'apps', 'deployments,deployments/scale')],
      [
        '--verb=get',
        '--resource=pods',
        '--resource=pods/log',
        '--resource=deployments.apps',
        '--resource=deployments.apps/scale',
      ],
    ],
    [
      'resource names',
      [rule('get', '', 'configmaps', "app-config,it's")],
      [
        '--verb=get',
        '--resource=configmaps',
        '--resource-name=app-config',
        "--resource-name='it'\\''s'",
      ],
    ],
    ['every verb', [rule('*', '', 'pods')], ["--verb='*'", '--resource=pods']],
    ['every core resource', [rule('get', '', '*')], ['--verb=get', "--resource='*'"]],
    [
      'bind on roles',
      [rule('bind', 'rbac.authorization.k8s.io', 'roles')],
      ['--verb=bind', '--resource=roles.rbac.authorization.k8s.io'],
    ],
    [
      'impersonate on serviceaccounts',
      [rule('impersonate', '', 'serviceaccounts')],
      ['--verb=impersonate', '--resource=serviceaccounts'],
    ],
  ])('%s', (_name, rules, flags) => {
    expect(ruleFlags(rules)).toEqual({ flags });
  });

  it.each<[string, RuleDraft[], RegExp]>([
    [
      'different verbs',
      [rule('get', '', 'pods'), rule('list', '', 'services')],
      /rule 2 differs from rule 1/,
    ],
    [
      'different resource names',
      [rule('get', '', 'configmaps', 'a'), rule('get', '', 'secrets', 'b')],
      /same verbs and resource names/,
    ],
    [
      'two groups in one rule',
      [{ ...rule('get', '', 'pods'), apiGroups: ['', 'apps'] }],
      /names 2 API groups/,
    ],
    ['every group', [rule('get', '*', 'pods')], /every API group \("\*"\)/],
    ['"*" with other resources', [rule('get', '', '*,pods')], /single resource of the core group/],
    ['"*" in a named group', [rule('get', 'apps', '*')], /single resource of the core group/],
    [
      'a verb kubectl refuses',
      [rule('approve', 'certificates.k8s.io', 'signers')],
      /does not accept the verb approve/,
    ],
    [
      'bind on pods',
      [rule('bind', '', 'pods')],
      /accepts the verb bind only on roles, clusterroles, not on pods/,
    ],
    ['no rules', [], /no rules/],
  ])('refuses %s', (_name, rules, reason) => {
    const out = ruleFlags(rules);
    expect('reason' in out && out.reason).toMatch(reason);
  });
});
