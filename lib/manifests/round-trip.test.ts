import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildObjects } from './build-objects';
import { decodeDraft, encodeDraft } from './draft-url';
import { kubectlCommands } from './kubectl-commands';
import { draftYaml } from './preview-wizard';
import { randomSpec, seededRandom } from './random-spec';
import { parseSpec, validateSpec, type WizardSpec } from './wizard-spec';

const RUNS = 1500;

/** Whether a path (`['role', 'rules', 0, 'verbs']`) names something in the spec. */
function resolves(spec: WizardSpec, path: (string | number)[]): boolean {
  let at: unknown = spec;
  for (const p of path) {
    if (at === null || typeof at !== 'object' || !(p in at)) return false;
    at = (at as Record<string | number, unknown>)[p];
  }
  return true;
}

describe(`round trip over ${RUNS} seeded random specs, hostile strings included`, () => {
  const random = seededRandom(20_240_607);
  const specs = Array.from({ length: RUNS }, () => randomSpec(random));
  const valid = specs.filter((s) => validateSpec(s).length === 0);
  const invalid = specs.filter((s) => validateSpec(s).length > 0);

  it('generates plenty of both valid and invalid specs', () => {
    expect(valid.length).toBeGreaterThan(RUNS * 0.15);
    expect(invalid.length).toBeGreaterThan(RUNS * 0.15);
    // Hostile strings reach valid specs too, not only the rejected ones.
    const text = JSON.stringify(valid);
    for (const s of ['a: b', "it's", '#', '---', '{}', 'yes', '名前']) expect(text).toContain(s);
  });

  it('every valid spec: its YAML parses back, as YAML 1.1 and 1.2, to exactly its objects', () => {
    for (const spec of valid) {
      const objects = buildObjects(spec);
      const yaml = draftYaml(spec, objects);
      for (const version of ['1.1', '1.2'] as const) {
        const docs = parseAllDocuments(yaml, { version });
        for (const d of docs) {
          expect(d.errors).toEqual([]);
          expect(d.warnings).toEqual([]);
        }
        expect(docs.map((d) => d.toJS())).toEqual(objects);
      }
    }
  });

  it('every valid spec: one kubectl command per line, and the draft survives the URL', () => {
    for (const spec of valid) {
      for (const c of kubectlCommands(spec, 'f.yaml').commands) expect(c).not.toMatch(/[\n\r]/);
      expect(decodeDraft(encodeDraft(spec))).toEqual({ ok: true, spec });
    }
  });

  it('every invalid spec: rejected by the schema with clear messages at real fields', () => {
    for (const spec of invalid) {
      const parsed = parseSpec(spec);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      for (const issue of parsed.issues) {
        expect(resolves(spec, issue.path)).toBe(true);
        // A sentence, short enough to read, whatever the input's size.
        expect(issue.message).toMatch(/^[A-Z].*\.$/s);
        expect(issue.message.length).toBeLessThan(400);
        expect(issue.message).not.toMatch(/[\n\r\u0000]/);
      }
      // Invalid drafts still survive the URL, so an unfinished draft can be shared.
      expect(decodeDraft(encodeDraft(spec))).toEqual({ ok: true, spec });
    }
  });
});
