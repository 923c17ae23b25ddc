'use client';

import { useId } from 'react';
import { setBindingKind, setGrantNamespace } from '@/lib/manifests/linked-edits';
import { SUBJECT_KINDS } from '@/lib/manifests/wizard-spec';
import {
  buttonClass,
  ChoiceCards,
  FieldErrors,
  inputClass,
  TextField,
} from '@/components/ui/form-fields';
import type { StepProps } from './step-props';

/** Step 3: the RoleBinding or ClusterRoleBinding, and whom it names. */
export function BindingStep({ spec, update, errors }: StepProps) {
  const { binding, role, serviceAccount: sa } = spec;
  const id = useId();
  return (
    <div className="space-y-5">
      <ChoiceCards
        legend="Kind"
        name="binding-kind"
        value={binding.kind}
        onChange={(v) => update((d) => setBindingKind(d, v), 'binding.kind')}
        errors={errors('binding.kind')}
        choices={[
          {
            value: 'RoleBinding',
            label: 'RoleBinding',
            description: 'Grants the role in one namespace only: least privilege.',
          },
          {
            value: 'ClusterRoleBinding',
            label: 'ClusterRoleBinding',
            description:
              'Grants a ClusterRole in every namespace, and on cluster-scoped resources.',
          },
        ]}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={`${binding.kind} name`}
          name="binding.name"
          value={binding.name}
          onChange={(v) => update((d) => (d.binding.name = v), 'binding.name')}
          errors={errors('binding.name')}
        />
        {binding.kind === 'RoleBinding' && (
          <TextField
            label="Namespace (where it grants)"
            name="binding.namespace"
            value={binding.namespace}
            list="wizard-namespaces"
            onChange={(v) => update((d) => setGrantNamespace(d, v), 'binding.namespace')}
            errors={errors('binding.namespace')}
            hint={
              role.kind === 'Role'
                ? `The Role ${role.name} moves with it: a RoleBinding can only refer to a Role in its own namespace.`
                : `ClusterRole ${role.name} is granted in this namespace only.`
            }
          />
        )}
      </div>
      <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">
        Refers to{' '}
        <span className="font-medium text-slate-800">
          {role.kind} {role.name || '(unnamed)'}
        </span>{' '}
        from step 2 (roleRef, which cannot be changed after creation).
      </p>

      <fieldset aria-describedby={errors('binding.subjects').length ? `${id}-errors` : undefined}>
        <legend className="text-xs font-medium text-slate-600">Subjects</legend>
        <ul className="mt-1 space-y-2">
          {binding.subjects.map((s, i) => {
            const at = `binding.subjects.${i}`;
            const isApp =
              s.kind === 'ServiceAccount' && s.name === sa.name && s.namespace === sa.namespace;
            const rowErrors = errors(at).filter((e) => /repeats/.test(e));
            return (
              <li
                key={i}
                className="rounded-lg border border-slate-200 bg-slate-50/60 p-3"
                data-testid="subject"
              >
                <div className="grid items-start gap-3 sm:grid-cols-[9rem_minmax(0,1fr)_minmax(0,1fr)_auto]">
                  <div>
                    <label
                      htmlFor={`${id}-kind-${i}`}
                      className="block text-xs font-medium text-slate-600"
                    >
                      Kind
                    </label>
                    <select
                      id={`${id}-kind-${i}`}
                      value={s.kind}
                      onChange={(e) =>
                        update((d) => {
                          const x = d.binding.subjects[i];
                          if (!x) return;
                          x.kind = e.target.value as (typeof SUBJECT_KINDS)[number];
                          if (x.kind === 'ServiceAccount' && !x.namespace)
                            x.namespace = d.serviceAccount.namespace;
                        }, at)
                      }
                      className={`mt-1 ${inputClass} border-slate-300`}
                    >
                      {SUBJECT_KINDS.map((k) => (
                        <option key={k}>{k}</option>
                      ))}
                    </select>
                  </div>
                  <TextField
                    label={`${s.kind} name`}
                    value={s.name}
                    onChange={(v) =>
                      update((d) => {
                        const x = d.binding.subjects[i];
                        if (x) x.name = v;
                      }, `${at}.name`)
                    }
                    errors={errors(`${at}.name`)}
                    hint={isApp ? 'The app’s ServiceAccount (step 1).' : undefined}
                  />
                  {s.kind === 'ServiceAccount' ? (
                    <TextField
                      label="Its namespace"
                      value={s.namespace}
                      list="wizard-namespaces"
                      onChange={(v) =>
                        update((d) => {
                          const x = d.binding.subjects[i];
                          if (x) x.namespace = v;
                        }, `${at}.namespace`)
                      }
                      errors={errors(`${at}.namespace`)}
                    />
                  ) : (
                    <p className="pt-6 text-xs text-slate-500">
                      {s.kind === 'User'
                        ? 'A user as the authenticator names it.'
                        : 'Everyone in this group.'}{' '}
                      No namespace.
                    </p>
                  )}
                  <div className="pt-5">
                    <button
                      type="button"
                      className={buttonClass.quiet}
                      aria-label={`Remove subject ${i + 1}`}
                      onClick={() =>
                        update((d) => d.binding.subjects.splice(i, 1), 'binding.subjects')
                      }
                    >
                      Remove
                    </button>
                  </div>
                </div>
                <FieldErrors id={`${id}-row-${i}`} errors={rowErrors} />
              </li>
            );
          })}
        </ul>
        <FieldErrors
          id={`${id}-errors`}
          errors={errors('binding.subjects').filter((e) => !/^Subject \d/.test(e))}
        />
        <div className="mt-2 flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() =>
              update(
                (d) =>
                  d.binding.subjects.push({
                    kind: 'ServiceAccount',
                    name: '',
                    namespace: d.serviceAccount.namespace,
                  }),
                `binding.subjects.${binding.subjects.length}`,
              )
            }
          >
            + Add subject
          </button>
          {!binding.subjects.some(
            (s) =>
              s.kind === 'ServiceAccount' && s.name === sa.name && s.namespace === sa.namespace,
          ) && (
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() =>
                update(
                  (d) =>
                    d.binding.subjects.unshift({
                      kind: 'ServiceAccount',
                      name: d.serviceAccount.name,
                      namespace: d.serviceAccount.namespace,
                    }),
                  'binding.subjects',
                )
              }
            >
              + Add {sa.namespace}/{sa.name}
            </button>
          )}
        </div>
      </fieldset>
    </div>
  );
}
