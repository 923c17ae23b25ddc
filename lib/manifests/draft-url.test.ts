import { describe, expect, it } from 'vitest';
import { decodeDraft, encodeDraft, MAX_DRAFT_PARAM } from './draft-url';
import { defaultSpec, type WizardSpec } from './wizard-spec';

const spec = (edit: (s: WizardSpec) => void): WizardSpec => {
  const s = defaultSpec();
  edit(s);
  return s;
};

const b64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

describe('draft URLs', () => {
  it.each<[string, WizardSpec]>([
    ['the defaults', defaultSpec()],
    ['Unicode and quotes', spec((s) => (s.role.name = `rôle "✓" it's 🙂 名前`))],
    [
      'an invalid, half-finished draft',
      spec((s) => ((s.serviceAccount.name = 'My App'), (s.role.rules[0]!.verbs = []))),
    ],
    [
      'newlines and YAML-like text',
      spec((s) => s.binding.subjects.push({ kind: 'User', name: 'a: b\n---\n#c', namespace: '' })),
    ],
    ['a 10,000-character value', spec((s) => (s.pod.name = 'p'.repeat(10_000)))],
  ])('round-trips %s through a URL-safe parameter', (_name, draft) => {
    const param = encodeDraft(draft);
    expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(new URLSearchParams({ draft: param }).toString()).toBe(`draft=${param}`);
    expect(decodeDraft(param)).toEqual({ ok: true, spec: draft });
  });

  it('keeps the defaults short enough to share', () => {
    expect(encodeDraft(defaultSpec()).length).toBeLessThan(800);
  });

  it.each<[string, string, RegExp]>([
    ['not base64url', 'abc$def', /damaged \(it is not encoded JSON\)/],
    ['not JSON', b64url('{"serviceAccount":'), /damaged/],
    ['not UTF-8', 'gICA', /damaged/],
    [
      'JSON of another shape',
      b64url(JSON.stringify({ hello: 'world' })),
      /does not fit the wizard \(serviceAccount: /,
    ],
    [
      'a wrong enum value',
      b64url(JSON.stringify(spec((s) => ((s.role as { kind: string }).kind = 'Admin')))),
      /does not fit the wizard \(role\.kind: /,
    ],
    ['too long', 'A'.repeat(MAX_DRAFT_PARAM + 1), /too long/],
  ])('refuses %s with a reason', (_name, param, error) => {
    const out = decodeDraft(param);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error).toMatch(error);
  });
});
