'use client';

import { setGrantNamespace, setRoleKind } from '@/lib/manifests/linked-edits';
import { matchingPreset, presetRules, RULE_PRESETS } from '@/lib/manifests/rule-presets';
import { buttonClass, ChoiceCards, FieldErrors, TextField } from '@/components/ui/form-fields';
import { RuleEditor } from './rule-editor';
import type { StepProps } from './step-props';

/** Step 2: the Role or ClusterRole, from a preset or rule by rule. */
export function PermissionsStep({ spec, update, errors, options }: StepProps) {
  const { role } = spec;
  const preset = matchingPreset(role.rules);
  return (
    <div className="space-y-5">
      <ChoiceCards
        legend="Kind"
        name="role-kind"
        value={role.kind}
        onChange={(v) => update((d) => setRoleKind(d, v), 'role.kind')}
        errors={errors('role.kind')}
        choices={[
          {
            value: 'Role',
            label: 'Role',
            description: 'Rules that live in one namespace and grant only there.',
          },
          {
            value: 'ClusterRole',
            label: 'ClusterRole',
            description: 'Rules that can be granted in one namespace or in all of them.',
          },
        ]}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={`${role.kind} name`}
          name="role.name"
          value={role.name}
          onChange={(v) => update((d) => (d.role.name = v), 'role.name')}
          errors={errors('role.name')}
        />
        {role.kind === 'Role' && (
          <TextField
            label="Namespace"
            name="role.namespace"
            value={role.namespace}
            list="wizard-namespaces"
            onChange={(v) => update((d) => setGrantNamespace(d, v), 'role.namespace')}
            errors={errors('role.namespace')}
            hint="Its RoleBinding lives here too, and grants only here."
          />
        )}
      </div>

      <fieldset>
        <legend className="text-xs font-medium text-slate-600">Start from</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {RULE_PRESETS.map((p) => (
            <label
              key={p.id}
              title={p.description}
              className={`cursor-pointer rounded-full border px-3 py-1 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500/40 ${
                preset?.id === p.id
                  ? 'border-indigo-400 bg-indigo-50 font-medium text-indigo-800'
                  : 'border-slate-300 bg-white text-slate-700 hover:border-slate-400'
              }`}
            >
              <input
                type="radio"
                name="preset"
                value={p.id}
                checked={preset?.id === p.id}
                onChange={() => update((d) => (d.role.rules = presetRules(p)), 'role.rules')}
                className="sr-only"
              />
              {p.label}
            </label>
          ))}
          <span
            className={`rounded-full border px-3 py-1 text-sm ${
              preset
                ? 'border-dashed border-slate-300 text-slate-400'
                : 'border-indigo-400 bg-indigo-50 font-medium text-indigo-800'
            }`}
            aria-hidden={!!preset}
          >
            Custom
          </span>
        </div>
        <p className="mt-1.5 text-xs text-slate-500" aria-live="polite">
          {preset ? preset.description : 'Custom rules: edit them below.'}
        </p>
      </fieldset>

      <div className="space-y-3">
        {role.rules.map((rule, i) => (
          <RuleEditor
            key={i}
            index={i}
            rule={rule}
            resources={options.resources}
            verbs={options.verbs}
            errors={errors}
            onChange={(edit, field) =>
              update((d) => {
                const r = d.role.rules[i];
                if (r) edit(r);
              }, field)
            }
            onRemove={() => update((d) => d.role.rules.splice(i, 1), 'role.rules')}
          />
        ))}
        <FieldErrors
          id="rules-errors"
          errors={errors('role.rules').filter((e) => !/^Rule \d/.test(e))}
        />
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() =>
            update(
              (d) =>
                d.role.rules.push({
                  apiGroups: [''],
                  resources: [],
                  verbs: ['get'],
                  resourceNames: [],
                }),
              `role.rules.${role.rules.length}`,
            )
          }
        >
          + Add rule
        </button>
      </div>
    </div>
  );
}
