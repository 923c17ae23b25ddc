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
      /limits list to the named objects: it matches only a request for one of them by field selector \(--field-selector metadata\.name=NAME\), never a plain list/,
    ],
    [
      'resourceNames with create on a resource',
      (s) =>
        (s.role.rules[0] = {
          apiGroups: [''],
          resources: ['configmaps'],
          verbs: ['create', 'deletecollection'],
          resourceNames: ['app-config'],
        }),
      'role.rules.0.resourceNames',
      /create, deletecollection requests carry no name, so resourceNames never match them/,
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
      'namespaces through a RoleBinding',
      (s) => (s.role.rules[0]!.resources = ['namespaces']),
      'role.rules.0.resources',
      /namespaces are cluster-scoped: through a RoleBinding the rule grants only on the binding's own namespace \(default\) itself, never on other namespaces or a list of them/,
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

  it.each([
    ['a token for one ServiceAccount', 'serviceaccounts/token', 'myapp1'],
    ['exec into one Pod', 'pods/exec', 'debug-pod'],
  ])('does not say create grants nothing on a named subresource: %s', (_name, resource, name) => {
    // POST …/serviceaccounts/myapp1/token carries the parent's name: resourceNames match it.
    const warnings = specWarnings(
      spec(
        (s) =>
          (s.role.rules[0] = {
            apiGroups: [''],
            resources: [resource],
            verbs: ['create'],
            resourceNames: [name],
          }),
      ),
    );
    expect(warnings.filter((w) => w.path.join('.') === 'role.rules.0.resourceNames')).toEqual([]);
  });

  it.each<[string, 'User' | 'Group']>([
    ['system:serviceaccount:default:myapp1', 'User'],
    ['system:serviceaccounts:default', 'Group'],
    ['system:serviceaccounts', 'Group'],
    ['system:authenticated', 'Group'],
  ])('knows that %s (a %s) includes the app’s ServiceAccount', (name, kind) => {
    const warnings = specWarnings(
      spec((s) => (s.binding.subjects = [{ kind, name, namespace: '' }])),
    );
    expect(warnings.map((w) => w.message).join('\n')).not.toMatch(/gains nothing/);
    if (kind === 'Group') {
      expect(warnings.find((w) => w.path.join('.') === 'binding.subjects')).toMatchObject({
        level: 'info',
        message: expect.stringMatching(
          new RegExp(`reaches ServiceAccount default/myapp1 through Group ${name}, which `),
        ),
      });
    }
  });

  it.each<[string, 'User' | 'Group']>([
    ['system:serviceaccount:default:myapp2', 'User'],
    ['system:serviceaccounts:team-a', 'Group'],
    ['system:unauthenticated', 'Group'],
  ])('still says the app gains nothing from %s (a %s)', (name, kind) => {
    const warnings = specWarnings(
      spec((s) => (s.binding.subjects = [{ kind, name, namespace: '' }])),
    );
    expect(warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /does not name ServiceAccount default\/myapp1, so the app gains nothing/,
      ),
    );
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
