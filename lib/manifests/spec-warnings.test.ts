import { describe, expect, it } from 'vitest';
import { specWarnings } from './spec-warnings';
import { defaultSpec, validateSpec, type WizardSpec } from './wizard-spec';

const spec = (edit: (s: WizardSpec) => void): WizardSpec => {
  const s = defaultSpec();
  edit(s);
  expect(validateSpec(s)).toEqual([]);
  return s;
};

describe('specWarnings', () => {
  it('has nothing to say about the seed story', () => {
    expect(specWarnings(defaultSpec())).toEqual([]);
  });

  it.each<[string, (s: WizardSpec) => void, string, RegExp]>([
    [
      'a wildcard verb',
      (s) => (s.role.rules[0]!.verbs = ['*']),
      'role.rules.0.verbs',
      /every verb \("\*"\), including escalate, bind/,
    ],
    [
      'a wildcard resource',
      (s) => (s.role.rules[0]!.resources = ['*']),
      'role.rules.0.resources',
      /every resource \("\*"\), secrets/,
    ],
    [
      'a wildcard group',
      (s) => (s.role.rules[0]!.apiGroups = ['*']),
      'role.rules.0.apiGroups',
      /every API group/,
    ],
    [
      'resourceNames with list',
      (s) => (s.role.rules[0]!.resourceNames = ['web']),
      'role.rules.0.resourceNames',
      /but list requests carry no name/,
    ],
    [
      'deployments in the core group',
      (s) => (s.role.rules[0]!.resources = ['deployments']),
      'role.rules.0.apiGroups',
      /deployments belong to API group apps, which the rule does not name/,
    ],
    [
      'pods in the apps group',
      (s) => (s.role.rules[0]!.apiGroups = ['apps']),
      'role.rules.0.apiGroups',
      /pods belong to the core group/,
    ],
    [
      'nodes through a RoleBinding',
      (s) => (s.role.rules[0]!.resources = ['nodes']),
      'role.rules.0.resources',
      /nodes are cluster-scoped, and a RoleBinding grants only inside its namespace/,
    ],
    [
      'a ClusterRoleBinding',
      (s) => ((s.role.kind = 'ClusterRole'), (s.binding.kind = 'ClusterRoleBinding')),
      'binding.kind',
      /grants in every namespace, kube-system included/,
    ],
    [
      'a binding in another namespace',
      (s) => ((s.role.kind = 'ClusterRole'), (s.binding.namespace = 'team-a')),
      'binding.namespace',
      /apply in namespace team-a; the ServiceAccount lives in default/,
    ],
    [
      'a binding that does not name the ServiceAccount',
      (s) => (s.binding.subjects = [{ kind: 'Group', name: 'devs', namespace: '' }]),
      'binding.subjects',
      /does not name ServiceAccount default\/myapp1, so the app gains nothing/,
    ],
  ])('warns about %s', (_name, edit, path, message) => {
    const warnings = specWarnings(spec(edit));
    const w = warnings.find((x) => x.path.join('.') === path);
    expect(w?.message).toMatch(message);
  });

  it('does not guess about groups it does not know (custom resources)', () => {
    expect(
      specWarnings(
        spec(
          (s) =>
            (s.role.rules[0] = {
              apiGroups: ['example.com'],
              resources: ['pods'],
              verbs: ['get'],
              resourceNames: [],
            }),
        ),
      ),
    ).toEqual([]);
  });
});
