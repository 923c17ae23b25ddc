import { describe, expect, it } from 'vitest';
import { parseDump } from './parse-dump';

const kinds = (text: string) => parseDump(text, 'x.yaml').objects.map((o) => o.object.kind);

describe('parseDump', () => {
  it('reads multi-document YAML with the line of each document', () => {
    const r = parseDump('kind: A\n---\n# comment\nkind: B\n---\n', 'f.yaml');
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => [o.object.kind, o.line])).toEqual([
      ['A', 1],
      ['B', 4],
    ]);
  });

  it('flattens kind: List and typed lists such as RoleList', () => {
    expect(
      kinds('kind: List\nitems:\n- kind: A\n- kind: B\n---\nkind: RoleList\nitems: [{kind: Role}]'),
    ).toEqual(['A', 'B', 'Role']);
  });

  it('reads a JSON object, a JSON array and JSON lines', () => {
    expect(kinds('{"kind":"List","items":[{"kind":"A"}]}')).toEqual(['A']);
    expect(kinds('[{"kind":"A"},{"kind":"B"}]')).toEqual(['A', 'B']);
    expect(kinds('{"kind":"A"}\n{"kind":"B"}\n')).toEqual(['A', 'B']);
  });

  it('gives each item of a list (YAML or JSON) its own line', () => {
    const lines = (text: string) =>
      parseDump(text, 'x').objects.map((o) => [o.object.kind, o.line]);
    expect(
      lines(
        'apiVersion: v1\nkind: List\nitems:\n- kind: A\n  metadata: {}\n- kind: B\n---\n- kind: C\n- kind: D',
      ),
    ).toEqual([
      ['A', 4],
      ['B', 6],
      ['C', 8],
      ['D', 9],
    ]);
    // kubectl get -o json: a List with items, strings holding brackets and escapes.
    const json = [
      '{',
      '  "apiVersion": "v1",',
      '  "kind": "List",',
      '  "metadata": {"note": "items: [\\"x\\", {]"},',
      '  "items": [',
      '    {',
      '      "kind": "A",',
      '      "rules": [{"verbs": ["get"]}]',
      '    },',
      '    {"kind": "B"}, {"kind": "C"}',
      '  ]',
      '}',
    ].join('\n');
    expect(lines(json)).toEqual([
      ['A', 6],
      ['B', 10],
      ['C', 10],
    ]);
    expect(lines('[\n  {"kind": "A"},\n\n  {"kind": "B"}\n]')).toEqual([
      ['A', 2],
      ['B', 4],
    ]);
    expect(lines('{"kind": "List", "items": []}')).toEqual([]);
  });

  it('reports a bad line of JSON lines at its line and keeps the others', () => {
    const r = parseDump(
      '{"kind":"Namespace","metadata":{"name":"a"}}\n{"kind":"Namespace","metadata":{"name":"b"}\n{"kind":"Namespace","metadata":{"name":"c"}}\n',
      'x.jsonl',
    );
    expect(r.objects.map((o) => [(o.object.metadata as { name: string }).name, o.line])).toEqual([
      ['a', 1],
      ['c', 3],
    ]);
    expect(r.errors).toEqual([{ file: 'x.jsonl', line: 2, message: expect.any(String) }]);
  });

  it('reports malformed YAML with its line and keeps the good documents', () => {
    const r = parseDump(
      'kind: A\n---\nkind: B\nmetadata:\n  name: [unclosed\n---\nkind: C\n',
      'bad.yaml',
    );
    expect(r.objects.map((o) => o.object.kind)).toEqual(['A', 'C']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.file).toBe('bad.yaml');
    expect(r.errors[0]!.line).toBeGreaterThanOrEqual(5);
    expect(r.errors[0]!.message).not.toBe('');
  });

  it('reports a tab-indented document at its line', () => {
    const r = parseDump('kind: A\nmetadata:\n\tname: x\n', 'tabs.yaml');
    expect(r.errors[0]).toMatchObject({ file: 'tabs.yaml', line: 3 });
  });

  it('rejects duplicate keys', () => {
    expect(parseDump('kind: A\nkind: B\n', 'd.yaml').errors[0]).toMatchObject({ line: 2 });
  });

  it('rejects scalars where an object is expected', () => {
    expect(parseDump('just a string\n', 's.yaml').errors[0]!.message).toMatch(
      /expected a Kubernetes object/,
    );
  });

  it('rejects alias bombs without expanding them', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const r = parseDump(`kind: Bomb\n${levels.join('\n')}\n`, 'bomb.yaml');
    expect(r.objects).toEqual([]);
    expect(r.errors[0]!.message).toMatch(/alias/i);
  });

  it('rejects absurd nesting', () => {
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    const r = parseDump(`kind: Deep\nspec: ${deep}\n`, 'deep.yaml');
    expect(r.objects).toEqual([]);
    expect(r.errors[0]!.message).toMatch(/nested deeper/);
  });
});
