'use client';

import { useId } from 'react';
import { setServiceAccount } from '@/lib/manifests/linked-edits';
import { SA_MOUNT } from '@/lib/rbac/curl-command';
import { ChoiceCards, inputClass, TextField } from '@/components/ui/form-fields';
import type { StepProps } from './step-props';

/** Step 1: the ServiceAccount the app runs as, new or existing. */
export function AccountStep({ spec, update, errors, options }: StepProps) {
  const sa = spec.serviceAccount;
  const pickId = useId();
  const current = `${sa.namespace}/${sa.name}`;
  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-600">
        A Pod talks to the API as its ServiceAccount: the token, CA certificate and namespace are
        mounted at <code className="font-mono text-xs">{SA_MOUNT}</code>.
      </p>
      <ChoiceCards
        legend="ServiceAccount"
        name="sa-mode"
        value={sa.existing ? 'existing' : 'new'}
        onChange={(v) =>
          update((d) => (d.serviceAccount.existing = v === 'existing'), 'serviceAccount')
        }
        choices={[
          {
            value: 'new',
            label: 'Create a new one',
            description: 'The YAML starts with the ServiceAccount.',
          },
          {
            value: 'existing',
            label: 'Use an existing one',
            description:
              options.serviceAccounts.length > 0
                ? `Pick one of the ${options.serviceAccounts.length} in ${options.sourceLabel}.`
                : 'Type its name and namespace.',
          },
        ]}
      />
      {sa.existing && options.serviceAccounts.length > 0 && (
        <div>
          <label htmlFor={pickId} className="block text-xs font-medium text-slate-600">
            Existing ServiceAccount
          </label>
          <select
            id={pickId}
            value={options.serviceAccounts.includes(current) ? current : ''}
            onChange={(e) => {
              const [namespace = '', name = ''] = e.target.value.split('/');
              update((d) => setServiceAccount(d, name, namespace), 'serviceAccount');
            }}
            className={`mt-1 ${inputClass} border-slate-300 font-mono`}
          >
            <option value="">— choose —</option>
            {options.serviceAccounts.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Name"
          name="serviceAccount.name"
          value={sa.name}
          onChange={(v) =>
            update(
              (d) => setServiceAccount(d, v, d.serviceAccount.namespace),
              'serviceAccount.name',
            )
          }
          errors={errors('serviceAccount.name')}
          hint="Lowercase letters, digits, '-' and '.'; e.g. myapp1."
        />
        <TextField
          label="Namespace"
          name="serviceAccount.namespace"
          value={sa.namespace}
          list="wizard-namespaces"
          onChange={(v) =>
            update(
              (d) => setServiceAccount(d, d.serviceAccount.name, v),
              'serviceAccount.namespace',
            )
          }
          errors={errors('serviceAccount.namespace')}
          hint="Its Pods must run in this namespace too."
        />
      </div>
    </div>
  );
}
