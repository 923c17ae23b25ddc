import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { filterFindings } from '../lib/findings/filter-findings';
import type { Finding } from '../lib/findings/find-risks';
import { answerCheck } from '../lib/rbac/check-answer';
import { attempt, parseCheckQuestion, parseWhoCanQuestion } from '../lib/rbac/question-params';
import { runCli as run } from './run-cli';
import { loadAuthorizer, RBAC_KINDS, sortClusterWarnings } from './cli-io';

const root = path.resolve(import.meta.dirname, '..');
const demo = path.join(root, 'lib', 'sources', 'demo');
const reviews = path.join(root, 'bin', 'testdata', 'reviews.yaml');

describe('rbac-explorer can-i', () => {
  const myapp1 = ['--as', 'system:serviceaccount:default:myapp1', '-f', demo];

  it('says yes with the path and exits 0', async () => {
    const r = await run('can-i', 'list', 'pods', '-n', 'default', ...myapp1);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'yes\n  RoleBinding default/read-pods → Role pod-reader → get, list on pods\n',
    );
  });

  it('says no with the near miss and exits 1', async () => {
    const r = await run('can-i', 'delete', 'pods', '-n', 'default', ...myapp1);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('no');
    expect(r.stdout).toContain(
      'near miss: Role pod-reader in namespace default (through RoleBinding read-pods in namespace default) allows get, list on pods, but not the verb delete.',
    );
  });

  it('implies the ServiceAccount groups for --as without --as-group, as impersonation does', async () => {
    const implied = await run(
      'can-i',
      'list',
      'services',
      '-n',
      'team-a',
      '--as',
      'system:serviceaccount:team-a:frontend',
      '-f',
      demo,
    );
    expect(implied.code).toBe(0);
    const explicit = await run(
      'can-i',
      'list',
      'services',
      '-n',
      'team-a',
      '--as',
      'system:serviceaccount:team-a:frontend',
      '--as-group',
      'other',
      '-f',
      demo,
      '-q',
    );
    expect(explicit).toMatchObject({ code: 1, stdout: '' });
  });

  it('resolves resource.group, the catalog group, TYPE/NAME and subresources', async () => {
    const alice = ['--as', 'alice@example.com', '-f', demo, '-n', 'team-a', '-q'];
    expect((await run('can-i', 'create', 'deployments.apps', ...alice)).code).toBe(0);
    expect((await run('can-i', 'create', 'deployments', ...alice)).code).toBe(0);
    expect(
      (await run('can-i', 'create', 'deployments', '--api-group', 'example.com', ...alice)).code,
    ).toBe(1);
    const backend = [
      '--as',
      'system:serviceaccount:team-a:backend',
      // Without its ServiceAccount groups: only the named-ConfigMap Role applies, not the group's view.
      '--as-group',
      'system:authenticated',
      '-f',
      demo,
      '-n',
      'team-a',
      '-q',
    ];
    expect((await run('can-i', 'get', 'configmaps/app-config', ...backend)).code).toBe(0);
    expect((await run('can-i', 'get', 'configmaps/other', ...backend)).code).toBe(1);
    const debuggerSa = [
      '--as',
      'system:serviceaccount:team-b:debugger',
      '-f',
      demo,
      '-n',
      'team-b',
      '-q',
    ];
    expect(
      (await run('can-i', 'create', 'pods', '--subresource', 'exec', ...debuggerSa)).code,
    ).toBe(0);
    expect(
      (await run('can-i', 'create', 'pods', '--subresource', 'attach', ...debuggerSa)).code,
    ).toBe(1);
  });

  it('asks non-resource URLs and answers JSON', async () => {
    const r = await run(
      'can-i',
      'get',
      '/metrics',
      '--as',
      'system:serviceaccount:monitoring:prometheus',
      '-f',
      demo,
      '-o',
      'json',
    );
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.allowed).toBe(true);
    expect(body.request).toEqual({ verb: 'get', nonResourceURL: '/metrics' });
    expect(body.paths[0].binding.name).toBe('prometheus-monitoring-reader');
    expect(body.paths[0].aggregatedFrom).toBe('metrics-endpoints');
  });

  it('answers as /api/check does: the same JSON, and its warnings as notes under the answer', async () => {
    const authz = await loadAuthorizer({ files: [demo] }, { out() {}, err() {} }, { pods: false });
    const cases: [string[], Record<string, string | string[]>][] = [
      [
        ['get', '/healthz', '--as', 'system:anonymous'],
        { verb: 'get', url: '/healthz', as: 'system:anonymous' },
      ],
      [
        ['list', 'pods', '-n', 'default', '--as', 'system:serviceaccount:default:ghost'],
        {
          verb: 'list',
          resource: 'pods',
          namespace: 'default',
          as: 'system:serviceaccount:default:ghost',
        },
      ],
    ];
    for (const [argv, params] of cases) {
      const web = answerCheck(authz, parseCheckQuestion(params));
      expect(web.warnings.length).toBeGreaterThan(0);
      const json = await run('can-i', ...argv, '-f', demo, '-o', 'json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(web)));
      const text = await run('can-i', ...argv, '-f', demo);
      expect(text.code).toBe(1);
      for (const w of web.warnings) expect(text.stdout).toContain(`\n  note: ${w}\n`);
    }
  });

  it('warns that real anonymous requests carry system:unauthenticated', async () => {
    const anonymous = ['can-i', 'get', '/healthz', '--as', 'system:anonymous', '-f', demo];
    const r = await run(...anonymous);
    expect(r).toEqual({
      code: 1,
      stdout:
        'no\n' +
        '  nothing allows system:anonymous to get /healthz\n' +
        '  note: Real anonymous requests carry the group system:unauthenticated, which this question does not: ask with group=system:unauthenticated for what they can do.\n',
      stderr: '',
    });
    const json = JSON.parse((await run(...anonymous, '-o', 'json')).stdout);
    expect(json.warnings).toEqual([expect.stringMatching(/^Real anonymous requests carry/)]);
    // Asked with the group, the question is the real one: no warning.
    const withGroup = await run(...anonymous, '--as-group', 'system:unauthenticated');
    expect(withGroup.stdout).not.toContain('note:');
    // -q still prints nothing: the exit status answers.
    expect(await run(...anonymous, '-q')).toEqual({ code: 1, stdout: '', stderr: '' });
  });

  it('notes a ServiceAccount that is not in the data', async () => {
    const ghost = ['--as', 'system:serviceaccount:default:ghost', '-f', demo];
    const note =
      'There is no ServiceAccount default/ghost in this data: the answer is for a token of that name, should one exist.';
    const r = await run('can-i', 'list', 'pods', '-n', 'default', ...ghost);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`\n  note: ${note}\n`);
    const json = JSON.parse(
      (await run('can-i', 'list', 'pods', '-n', 'default', ...ghost, '-o', 'json')).stdout,
    );
    expect(json.warnings).toEqual([note]);
    // A ServiceAccount the data has gets no such note.
    const known = await run('can-i', 'delete', 'pods', '-n', 'default', ...myapp1);
    expect(known.stdout).not.toContain('There is no ServiceAccount');
  });

  it.each([
    [['can-i', 'list'], /VERB TYPE/],
    [['can-i', 'list', 'pods', '-f', demo], /--as USER is required/],
    [['can-i', 'list', 'pods', '--as', 'x', '-o', 'yaml', '-f', demo], /-o yaml is not supported/],
    [['can-i', 'list', 'pods', '--as', 'x', '--bogus'], /Unknown option '--bogus'/],
    [['can-i', 'list', 'pods', '--as', 'x', '-f', '/no/such/file'], /no such file or folder/],
    [['frobnicate'], /unknown command/],
  ])('exits 2 with a clear message on bad input: %j', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('rbac-explorer can-i -q', () => {
  it('prints nothing, as kubectl auth can-i -q: the exit status answers', async () => {
    const q = ['--as', 'system:serviceaccount:default:myapp1', '-n', 'default', '-f', demo, '-q'];
    expect(await run('can-i', 'list', 'pods', ...q)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await run('can-i', 'delete', 'pods', ...q)).toEqual({ code: 1, stdout: '', stderr: '' });
    const json = await run('can-i', 'list', 'pods', ...q, '-o', 'json');
    expect(json).toMatchObject({ code: 2, stdout: '' });
    expect(json.stderr).toMatch(/-q prints nothing/);
  });
});

describe('the CLI checks questions as /api/check and /api/who-can do', () => {
  const sa = 'system:serviceaccount:default:myapp1';
  // Each is a 400 from the API: the CLI must not answer "no" to it.
  it.each([
    [['--as', 'system:serviceaccount:default'], { as: 'system:serviceaccount:default' }],
    [
      ['--as', 'system:serviceaccount:Default:myapp1'],
      { as: 'system:serviceaccount:Default:myapp1' },
    ],
    [['--as', sa, '-n', 'BAD NS'], { as: sa, namespace: 'BAD NS' }],
    [['--as', sa, '--subresource', 'Log!'], { as: sa, subresource: 'Log!' }],
    [['--as', sa, '--api-group', 'Apps!'], { as: sa, apiGroup: 'Apps!' }],
    [['--as', `${sa}\n`], { as: `${sa}\n` }],
  ])("can-i list pods %j exits 2 with the API's message", async (flags, params) => {
    const web = attempt(() => parseCheckQuestion({ verb: 'list', resource: 'pods', ...params }));
    expect(web.ok).toBe(false);
    const r = await run('can-i', 'list', 'pods', ...flags, '-f', demo);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: ${(web as { problem: string }).problem}\n`);
    expect(r.code).toBe(2);
  });

  it.each([
    [['list', 'pods', '-n', 'BAD NS'], { verb: 'list', resource: 'pods', namespace: 'BAD NS' }],
    [
      ['get', 'pods/x', '--subresource', 'Log!'],
      { verb: 'get', resource: 'pods', name: 'x', subresource: 'Log!' },
    ],
    [
      ['get', '/healthz', '--subresource', 'log'],
      { verb: 'get', url: '/healthz', subresource: 'log' },
    ],
  ])("who-can %j exits 2 with the API's message", async (argv, params) => {
    const web = attempt(() => parseWhoCanQuestion(params));
    expect(web.ok).toBe(false);
    const r = await run('who-can', ...argv, '-f', demo);
    expect(r.stderr).toBe(`error: ${(web as { problem: string }).problem}\n`);
    expect(r.code).toBe(2);
  });

  it("still reads kubectl's TYPE/NAME, TYPE.GROUP and --api-group '' (the core group)", async () => {
    const q = async (...argv: string[]) =>
      JSON.parse((await run('can-i', ...argv, '--as', 'x', '-f', demo, '-o', 'json')).stdout)
        .request;
    expect(await q('get', 'configmaps/app-config', '-n', 'team-a')).toEqual({
      verb: 'get',
      resource: 'configmaps',
      apiGroup: '',
      namespace: 'team-a',
      name: 'app-config',
    });
    expect(await q('create', 'deployments.apps', '-A')).toMatchObject({
      apiGroup: 'apps',
      namespace: '',
    });
    expect(await q('create', 'deployments', '--api-group', '')).toMatchObject({ apiGroup: '' });
    expect(await q('create', 'deployments')).toMatchObject({ apiGroup: 'apps' });
  });

  it.each([
    [['permissions', '--as', 'system:serviceaccount:default'], /not a ServiceAccount user name/],
    [
      ['permissions', '--serviceaccount', 'Default:myapp1'],
      /--serviceaccount takes NAMESPACE:NAME/,
    ],
    [['permissions', '--serviceaccount', 'default:myapp1', '-n', 'BAD NS'], /not a namespace name/],
    [['findings', '-n', 'BAD NS'], /not a namespace name/],
  ])('%j exits 2', async (argv, message) => {
    const r = await run(...argv, '-f', demo);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
  });
});

describe('the CLI refuses flags a command does not use', () => {
  it.each([
    [['who-can', 'list', 'pods', '--as', 'bob'], /who-can does not take --as/],
    [['who-can', 'list', 'pods', '--as-group', 'devs'], /who-can does not take --as-group/],
    [['who-can', 'list', 'pods', '-q'], /who-can does not take --quiet \(-q\)/],
    [['findings', '--as', 'bob'], /findings does not take --as/],
    [['findings', '--subresource', 'log'], /findings does not take --subresource/],
    [
      ['permissions', '--serviceaccount', 'default:myapp1', '-A'],
      /permissions does not take --all-namespaces \(-A\)/,
    ],
    [
      ['permissions', '--serviceaccount', 'default:myapp1', '--fail-on', 'high'],
      /does not take --fail-on/,
    ],
    [['can-i', 'list', 'pods', '--as', 'x', '--all'], /can-i does not take --all/],
    [
      ['can-i', 'list', 'pods', '--as', 'x', '--serviceaccount', 'default:myapp1'],
      /can-i does not take --serviceaccount/,
    ],
    [['review', reviews, '-n', 'default'], /review does not take --namespace \(-n\)/],
    [['review', reviews, '--as', 'bob'], /review does not take --as/],
    [['can-i', 'list', 'pods', '--as', 'x', '-n', 'default', '-A'], /either -n NAMESPACE or -A/],
    [['can-i', 'list', 'pods', '--as', 'x', '--demo'], /--demo reads the built-in demo/],
  ])('%j exits 2', async (argv, message) => {
    const r = await run(...argv, '-f', demo);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
  });
});

describe('rbac-explorer who-can', () => {
  it('lists every subject with its path', async () => {
    const r = await run('who-can', 'list', 'pods', '-n', 'default', '-f', demo, '-o', 'json');
    expect(r.code).toBe(0);
    const { subjects } = JSON.parse(r.stdout) as {
      subjects: { kind: string; name: string; namespace?: string; paths: unknown[] }[];
    };
    const names = subjects.map((s) => `${s.kind}:${s.namespace ? `${s.namespace}/` : ''}${s.name}`);
    expect(names).toContain('ServiceAccount:default/myapp1');
    expect(names).toContain('ServiceAccount:ci/deployer');
    expect(names).toContain('Group:system:masters');
    expect(names).toContain('User:bob@example.com');
    expect(names).not.toContain('ServiceAccount:team-a/frontend');
    for (const s of subjects) expect(s.paths.length).toBeGreaterThan(0);
  });

  it('prints a table', async () => {
    const t = await run(
      'who-can',
      'create',
      'pods',
      '--subresource',
      'exec',
      '-n',
      'team-b',
      '-f',
      demo,
    );
    expect(t.stdout).toMatch(
      /^Who can create pods\/exec in namespace team-b:\nKIND +NAMESPACE +NAME +VIA\n/,
    );
    expect(t.stdout).toMatch(
      /ServiceAccount +team-b +debugger +RoleBinding team-b\/debugger-pods → Role pod-debugger/,
    );
  });
});

describe('rbac-explorer permissions', () => {
  it("shows a ServiceAccount's permissions per namespace", async () => {
    const r = await run('permissions', '--serviceaccount', 'default:myapp1', '-f', demo);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/In namespace default:\n {2}pods +get list\n/);
    expect(r.stdout).toMatch(/In namespace team-b:\n {2}pods +get list\n/);
    expect(r.stdout).toMatch(/Cluster-wide:\n/);
  });

  it('answers JSON with the reasons behind each cell', async () => {
    const r = await run(
      'permissions',
      '--serviceaccount',
      'team-a:backend',
      '-n',
      'team-a',
      '-f',
      demo,
      '-o',
      'json',
    );
    const body = JSON.parse(r.stdout);
    const scope = body.scopes.find((s: { namespace: string }) => s.namespace === 'team-a');
    const cm = scope.rows.find((row: { resource: string }) => row.resource === 'configmaps');
    expect(cm.cells.get.access).toBe('all'); // the view ClusterRole through the group binding
    expect(
      cm.cells.get.paths.map((p: { binding: { name: string } }) => p.binding.name).sort(),
    ).toEqual(['backend-config', 'team-a-view']);
  });
});

describe('rbac-explorer review', () => {
  it('fills status one for one, in order, keeping the List', async () => {
    const r = await run('review', reviews, '-f', demo);
    expect(r.code).toBe(0);
    const out = parse(r.stdout);
    expect(out.kind).toBe('List');
    expect(out.items.map((i: { status: unknown }) => i.status)).toEqual([
      {
        allowed: true,
        reason:
          'RBAC: allowed by RoleBinding "read-pods/default" of Role "pod-reader" to ServiceAccount "myapp1/default"',
      },
      { allowed: false },
      // Exactly the spec's groups: without system:serviceaccounts:team-a the group binding does not apply.
      { allowed: false },
      {
        allowed: true,
        reason:
          'RBAC: allowed by RoleBinding "team-a-view/team-a" of ClusterRole "view" to Group "system:serviceaccounts:team-a"',
      },
      {
        allowed: true,
        reason:
          'RBAC: allowed by ClusterRoleBinding "system:monitoring" of ClusterRole "system:monitoring" to Group "system:monitoring"',
      },
    ]);
    expect(out.items[0].spec.user).toBe('system:serviceaccount:default:myapp1');
  });

  it('reads JSON lines and answers JSON lines', async () => {
    const lines = `${JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'bob@example.com', resourceAttributes: { verb: 'list', resource: 'secrets', namespace: 'x' } } })}\n${JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'bob@example.com', resourceAttributes: { verb: 'list', resource: 'pods', namespace: 'x' } } })}\n`;
    const bin = path.join(root, 'bin', 'rbac-explorer.mjs');
    const r = spawnSync(process.execPath, [bin, 'review', '-', '-f', demo], {
      input: lines,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.status.allowed)).toEqual([false, true]);
  });

  it('writes multi-document YAML for multi-document YAML', async () => {
    const r = await run(
      'review',
      path.join(root, 'bin', 'testdata', 'reviews-multi.yaml'),
      '-f',
      demo,
    );
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());
    expect(docs.map((d) => d.status.allowed)).toEqual([true, false]);
  });

  it('refuses a spec of the wrong types: groups as a string is not system:masters', async () => {
    const file = path.join(os.tmpdir(), `cli-review-${process.pid}.yaml`);
    writeFileSync(
      file,
      [
        'apiVersion: authorization.k8s.io/v1',
        'kind: SubjectAccessReview',
        'spec:',
        '  user: mallory',
        '  groups: system:masters-readonly',
        '  resourceAttributes: {verb: delete, resource: nodes}',
        '',
      ].join('\n'),
    );
    try {
      const r = await run('review', file, '-f', demo);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/:1: spec\.groups must be a list of strings, not a string/);
      expect(r.code).toBe(2);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('rejects what is not a SubjectAccessReview', async () => {
    const r = await run('review', path.join(demo, 'story.yaml'), '-f', demo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/story\.yaml:\d+: expected a SubjectAccessReview, got Namespace/);
  });
});

describe('the installed bin', () => {
  it('runs through npx-style invocation and uses the default source without -f', () => {
    const bin = path.join(root, 'bin', 'rbac-explorer.mjs');
    const r = spawnSync(
      process.execPath,
      [bin, 'can-i', 'list', 'pods', '--as', 'system:serviceaccount:default:myapp1'],
      {
        encoding: 'utf8',
        cwd: '/',
        env: { ...process.env, RBAC_SOURCE: 'demo' },
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('yes');
    expect(r.stderr).toContain('Demo data');
  });
});

describe('rbac-explorer findings', () => {
  it('lists risky grants worst first, and gates with --fail-on', async () => {
    const r = await run('findings', '-f', demo);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^CRITICAL +everything +ServiceAccount ci\/deployer can do anything cluster-wide\.$/,
    );
    expect((await run('findings', '-f', demo, '--fail-on', 'high')).code).toBe(1);
    const json = JSON.parse((await run('findings', '-f', demo, '-o', 'json')).stdout);
    expect(json.findings[0]).toMatchObject({
      severity: 'critical',
      rule: 'everything',
      subject: { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' },
    });
    expect(json.findings[0].paths[0].binding.name).toBe('ci-deployer-cluster-admin');
  });

  it('keeps what the Findings page keeps for -n NAMESPACE; -A keeps all', async () => {
    const all = JSON.parse((await run('findings', '-f', demo, '-o', 'json')).stdout)
      .findings as Finding[];
    const teamA = await run('findings', '-n', 'team-a', '-f', demo, '-o', 'json');
    expect(teamA.code).toBe(0);
    const shown = JSON.parse(teamA.stdout).findings as Finding[];
    expect(shown).toEqual(filterFindings(all, { namespace: 'team-a' }));
    expect(shown.some((f) => f.namespace === 'team-a')).toBe(true);
    expect(shown.some((f) => f.namespace === 'team-b')).toBe(false);
    expect(
      JSON.parse((await run('findings', '-A', '-f', demo, '-o', 'json')).stdout).findings,
    ).toEqual(all);
    // The gate counts only what is shown.
    const none = await run('findings', '-n', 'nothing-here', '-f', demo, '--fail-on', 'low');
    expect(none.code).toBe(filterFindings(all, { namespace: 'nothing-here' }).length > 0 ? 1 : 0);
    const untouched = await run('findings', '-f', demo, '--fail-on', 'low');
    expect(untouched.code).toBe(1);
  });

  it('passes a clean dump and rejects a bad severity', async () => {
    const clean = path.join(root, 'e2e', 'fixtures', 'dumps', 'inventory.yaml');
    expect(await run('findings', '-f', clean, '--fail-on', 'low')).toMatchObject({
      code: 0,
      stdout: 'No findings.\n',
    });
    expect((await run('findings', '-f', clean, '--fail-on', 'severe')).code).toBe(2);
  });
});

describe('sortClusterWarnings', () => {
  it('makes an unread required kind, or a skipped object of one, fatal; the rest warnings', () => {
    const crb = 'cannot list clusterrolebindings: forbidden';
    const pods = 'cannot list pods: cannot reach https://10.0.0.1: timeout';
    const skippedBinding =
      'ClusterRoleBinding /odd name was skipped: roleRef.kind must be Role or ClusterRole, not "X"';
    const skippedSa = 'ServiceAccount team-a/x was skipped: "X" is not a valid name';
    const all = [crb, pods, skippedBinding, skippedSa];
    expect(sortClusterWarnings(all, RBAC_KINDS)).toEqual({
      fatal: [crb, skippedBinding],
      other: [pods, skippedSa],
    });
    expect(sortClusterWarnings(all, [...RBAC_KINDS, 'serviceaccounts']).fatal).toEqual([
      crb,
      skippedBinding,
      skippedSa,
    ]);
  });
});
