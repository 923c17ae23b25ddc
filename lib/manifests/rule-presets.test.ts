import { describe, expect, it } from 'vitest';
import { clusterRole, snapshot } from '../rbac/test-builders';
import { matchingPreset, presetRules, RULE_PRESETS } from './rule-presets';
import { previewEffect } from './preview-effect';
import { specWarnings } from './spec-warnings';
import { defaultSpec, validateSpec } from './wizard-spec';

describe('rule presets', () => {
  it('starts with the seed story, which the defaults use', () => {
    expect(RULE_PRESETS.map((p) => p.id)).toEqual([
      'read-pods',
      'read-only',
      'manage-deployments',
      'read-configmap',
    ]);
    expect(matchingPreset(defaultSpec().role.rules)?.id).toBe('read-pods');
  });

  // Creating deployments is creating Pods, which the findings engine rightly flags.
  const expectedRisks: Record<string, string[]> = { 'manage-deployments': ['create-workloads'] };

  it.each(RULE_PRESETS.map((p) => [p.id, p] as const))(
    '%s is valid, recognised in any order, and carries only the risks it must',
    (_id, preset) => {
      const spec = defaultSpec();
      spec.role.rules = presetRules(preset);
      expect(validateSpec(spec)).toEqual([]);
      expect(specWarnings(spec)).toEqual([]);
      expect(matchingPreset([...presetRules(preset)].reverse())?.id).toBe(preset.id);
      const effect = previewEffect(snapshot(clusterRole('unrelated')), spec);
      expect(effect.risks.map((r) => r.finding.rule)).toEqual(expectedRisks[preset.id] ?? []);
    },
  );

  it('treats edited rules as custom', () => {
    const rules = presetRules(RULE_PRESETS[0]!);
    rules[0]!.verbs.push('watch');
    expect(matchingPreset(rules)).toBeUndefined();
  });

  it('hands out copies', () => {
    presetRules(RULE_PRESETS[0]!)[0]!.verbs.push('delete');
    expect(RULE_PRESETS[0]!.rules[0]!.verbs).toEqual(['get', 'list']);
  });
});
