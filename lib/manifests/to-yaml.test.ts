// Golden files are test fixtures on disk: this test alone reads and rewrites them.
// eslint-disable-next-line no-restricted-imports
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildObjects, type ManifestObject } from './build-objects';
import { draftYaml } from './preview-wizard';
import { objectToYaml, toYaml } from './to-yaml';
import { defaultSpec, validateSpec, type WizardSpec } from './wizard-spec';

/** Parses a YAML stream as a YAML 1.1 reader (kubectl's) and a YAML 1.2 reader would. */
function parseBoth(yaml: string): { v11: unknown[]; v12: unknown[] } {
  const read = (version: '1.1' | '1.2') =>
    parseAllDocuments(yaml, { version }).map((d) => {
      expect(d.errors).toEqual([]);
      expect(d.warnings).toEqual([]);
      return d.toJS();
    });
  return { v11: read('1.1'), v12: read('1.2') };
}

const role = (name: string, resourceNames: string[]): ManifestObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name, namespace: 'default' },
  rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames, verbs: ['get'] }],
});

describe('objectToYaml', () => {
  // Each of these would read back as something other than the same string if written plainly
  // under YAML 1.1 or 1.2, or would break the document.
  const tricky = [
    'yes',
    'no',
    'on',
    'off',
    'y',
    'N',
    'True',
    'null',
    '~',
    '',
    '012',
    '0o17',
    '0x1F',
    '1e3',
    '.inf',
    '1_000',
    '1:20',
    '2001-12-14',
    'key: value',
    '# comment',
    'a #b',
    '{}',
    '[]',
    '{a: 1}',
    '- item',
    '&anchor',
    '*alias',
    '!tag',
    '%YAML 1.2',
    '@at',
    '`tick`',
    '|',
    '>',
    '? q',
    '"',
    "'",
    'it\'s "odd"',
    ' lead',
    'trail ',
  ];
  it.each(tricky)('writes %j so that it reads back as the same string', (value) => {
    const yaml = objectToYaml(role(value || 'x', [value]));
    const { v11, v12 } = parseBoth(yaml);
    const expected = role(value || 'x', [value]);
    expect(v11).toEqual([expected]);
    expect(v12).toEqual([expected]);
  });

  // What go-yaml v2 (kubectl's parser, through sigs.k8s.io/yaml) reads as numbers although
  // YAML 1.1 and 1.2 read them as strings: it follows Go's number syntax. Each was checked
  // against sigs.k8s.io/yaml v1.6.0 (`0b-1` → -1, `+0o7` → 7, `3e3_` → 3000 …); valid names
  // such as the namespace `0b-1` otherwise fail with "cannot unmarshal number … of type string".
  it.each(['0b-1', '-0b1', '+0o7', '+_1', '3e3_', '1_0', '0x_1F', '08', '+.5'])(
    'double-quotes %j, which starts like a number',
    (value) => {
      const yaml = objectToYaml(role(value, [value]));
      expect(yaml).toContain(`  name: "${value}"\n`);
      expect(yaml).toContain(`      - "${value}"\n`);
    },
  );

  it('quotes a namespace such as 0b-1 wherever it is written', () => {
    const spec = defaultSpec();
    spec.serviceAccount.namespace = spec.role.namespace = spec.binding.namespace = '0b-1';
    spec.binding.subjects[0]!.namespace = '0b-1';
    expect(validateSpec(spec)).toEqual([]);
    const yaml = draftYaml(spec);
    expect(yaml).not.toMatch(/: 0b-1$/m);
    expect(yaml.match(/namespace: "0b-1"$/gm)).toHaveLength(5);
    expect(yaml).toContain('value: "0b-1"\n');
  });

  it('leaves ordinary values plain', () => {
    expect(objectToYaml(role('pod-reader', ['app-config']))).toBe(
      [
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata:',
        '  name: pod-reader',
        '  namespace: default',
        'rules:',
        '  - apiGroups:',
        '      - ""',
        '    resources:',
        '      - configmaps',
        '    resourceNames:',
        '      - app-config',
        '    verbs:',
        '      - get',
        '',
      ].join('\n'),
    );
  });

  it('never folds a long value, and writes Unicode as is', () => {
    const long = 'a'.repeat(240);
    const yaml = objectToYaml(role(long, ['名前-é-🙂']));
    expect(yaml).toContain(`  name: ${long}\n`);
    expect(yaml).toContain('- 名前-é-🙂\n');
  });

  it('writes a multi-line script as a block literal', () => {
    const yaml = toYaml(
      buildObjects({ ...defaultSpec(), pod: { enabled: true, name: 'p', access: 'curl' } }),
    );
    expect(yaml).toMatch(/- "-c"\n {8}- \|\n {10}# Lists pods/);
  });

  it('puts a header comment above the first document only', () => {
    const yaml = toYaml(buildObjects(defaultSpec()), ' first line\n second: line');
    expect(yaml.startsWith('# first line\n# second: line\n')).toBe(true);
    expect(yaml.split('\n').filter((l) => l.startsWith('#'))).toHaveLength(2);
    expect(parseBoth(yaml).v12).toEqual(buildObjects(defaultSpec()));
  });

  it('separates documents with ---', () => {
    const yaml = toYaml(buildObjects(defaultSpec()));
    expect(yaml.split('\n').filter((l) => l === '---')).toHaveLength(3);
  });
});

const golden: [string, (s: WizardSpec) => void][] = [
  ['seed-story', () => {}],
  [
    'cluster-wide-curl',
    (s) => {
      s.serviceAccount = { name: 'metrics-reader', namespace: 'monitoring', existing: false };
      s.role = {
        kind: 'ClusterRole',
        name: 'metrics-reader',
        namespace: '',
        rules: [
          {
            apiGroups: [''],
            resources: ['pods', 'nodes'],
            verbs: ['get', 'list', 'watch'],
            resourceNames: [],
          },
          {
            apiGroups: ['apps'],
            resources: ['deployments/scale'],
            verbs: ['get'],
            resourceNames: [],
          },
          {
            apiGroups: [''],
            resources: ['configmaps'],
            verbs: ['get'],
            resourceNames: ['metrics-config'],
          },
        ],
      };
      s.binding = {
        kind: 'ClusterRoleBinding',
        name: 'metrics-reader',
        namespace: '',
        subjects: [
          { kind: 'ServiceAccount', name: 'metrics-reader', namespace: 'monitoring' },
          { kind: 'Group', name: 'sre', namespace: '' },
        ],
      };
      s.pod = { enabled: true, name: 'metrics-reader-test', access: 'curl' };
    },
  ],
  [
    'hostile-names',
    (s) => {
      s.role.name = `it's: "odd" # --- é`;
      s.binding.name = 'key: value';
      s.role.rules[0]!.resourceNames = ['yes', '0o17', '---', '{}', '[a, b]', '&x *y', '名前'];
      s.role.rules[0]!.verbs = ['get'];
      s.binding.subjects.push(
        { kind: 'User', name: 'on', namespace: '' },
        { kind: 'Group', name: 'a: b # not a comment', namespace: '' },
        { kind: 'User', name: `'; rm -rf / #`, namespace: '' },
      );
    },
  ],
  [
    'existing-serviceaccount-no-pod',
    (s) => {
      s.serviceAccount.existing = true;
      s.pod.enabled = false;
    },
  ],
];

describe('golden YAML (UPDATE_GOLDEN=1 rewrites lib/manifests/testdata)', () => {
  it.each(golden)('%s', (name, edit) => {
    const spec = defaultSpec();
    edit(spec);
    expect(validateSpec(spec)).toEqual([]);
    const yaml = draftYaml(spec);
    const file = new URL(`./testdata/${name}.yaml.golden`, import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, yaml);
    expect(yaml).toBe(readFileSync(file, 'utf8'));
    const { v11, v12 } = parseBoth(yaml);
    expect(v11).toEqual(buildObjects(spec));
    expect(v12).toEqual(buildObjects(spec));
  });
});
