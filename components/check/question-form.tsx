'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { searchFromFields, splitGroups, type QuestionFields } from '@/lib/rbac/question-url';
import { TextField } from '@/components/ui/form-fields';
import { SubjectPicker } from './subject-picker';

/** A resource for the pickers: `pods`, `deployments.apps`, with what the catalog knows. */
export interface ResourceChoice {
  value: string;
  namespaced: boolean;
  subresources: string[];
}

const labelClass = 'mb-1 block text-xs font-medium text-slate-600';

/**
 * The question of the Check and Who-can pages. Submitting pushes the question into the URL
 * (so links are shareable and back and forward work); the page answers it on the server.
 */
export function QuestionForm({
  page,
  initial,
  verbs,
  resources,
  namespaces,
  from,
}: {
  page: 'check' | 'who-can';
  initial: QuestionFields;
  verbs: readonly string[];
  resources: readonly ResourceChoice[];
  namespaces: readonly string[];
  /** Where the resource and verb lists come from, said under the form. */
  from: 'discovery' | 'built-in';
}) {
  const router = useRouter();
  const [fields, setFields] = useState(initial);
  const [pending, startTransition] = useTransition();
  const ids = useId();
  const id = (name: string) => `${ids}-${name}`;
  const set = <K extends keyof QuestionFields>(key: K, value: QuestionFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));

  // The resource the fields name, found as the server will find it: by name, and by group
  // when one is given (`deployments.apps`, or the API group field).
  const typed = fields.resource.trim().split('/')[0] ?? '';
  const dot = typed.indexOf('.');
  const base = dot >= 0 ? typed.slice(0, dot) : typed;
  const group = fields.apiGroup.trim() || (dot >= 0 ? typed.slice(dot + 1) : undefined);
  const chosen = resources.find(
    (r) =>
      r.value.split('.')[0] === base &&
      (group === undefined || r.value === (group ? `${base}.${group}` : base)),
  );
  const clusterScoped = fields.mode === 'resource' && chosen !== undefined && !chosen.namespaced;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const search = searchFromFields(fields, { withSubject: page === 'check' });
    startTransition(() => router.push(`/${page}?${search}`));
  }

  return (
    <form
      onSubmit={submit}
      aria-label={page === 'check' ? 'Check question' : 'Who-can question'}
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      {page === 'check' && (
        <div className="grid gap-4 md:grid-cols-3">
          <div className="md:col-span-2">
            <label htmlFor={id('as')} className={labelClass}>
              Who — a user, or a ServiceAccount, User or Group of the data
            </label>
            <SubjectPicker
              id={id('as')}
              value={fields.as}
              onChange={(v) => set('as', v)}
              onPickGroup={(g) =>
                setFields((f) => ({
                  ...f,
                  groups: [...new Set([...splitGroups(f.groups), g])].join(', '),
                }))
              }
              describedBy={id('as-hint')}
            />
            <p id={id('as-hint')} className="mt-1 text-xs text-slate-500">
              A ServiceAccount user without groups carries its ServiceAccount groups, as with{' '}
              <code className="font-mono">kubectl --as</code>.
            </p>
          </div>
          <TextField
            label={
              <>
                Groups{' '}
                <span className="font-normal text-slate-500">(optional, comma-separated)</span>
              </>
            }
            value={fields.groups}
            onChange={(v) => set('groups', v)}
            placeholder="system:serviceaccounts:team-a"
          />
        </div>
      )}

      <fieldset className={page === 'check' ? 'mt-5' : ''}>
        <legend className="sr-only">What is asked</legend>
        <div role="radiogroup" aria-label="Kind of request" className="mb-3 flex gap-5 text-sm">
          {(
            [
              ['resource', 'A resource'],
              ['url', 'A non-resource URL'],
            ] as const
          ).map(([mode, label]) => (
            <label key={mode} className="flex items-center gap-2 text-slate-700">
              <input
                type="radio"
                name={id('mode')}
                value={mode}
                checked={fields.mode === mode}
                onChange={() => set('mode', mode)}
                className="accent-indigo-600"
              />
              {label}
            </label>
          ))}
        </div>
        <div className="grid grid-cols-2 gap-4 md:grid-cols-3 lg:grid-cols-6">
          <TextField
            label="Verb"
            value={fields.verb}
            onChange={(v) => set('verb', v)}
            placeholder="list"
            suggestions={verbs}
          />
          {fields.mode === 'url' ? (
            <div className="col-span-1 md:col-span-2 lg:col-span-5">
              <TextField
                label="Non-resource URL"
                value={fields.url}
                onChange={(v) => set('url', v)}
                placeholder="/healthz"
              />
            </div>
          ) : (
            <>
              <TextField
                label="Resource"
                value={fields.resource}
                onChange={(v) => set('resource', v)}
                placeholder="pods"
                suggestions={resources.map((r) => r.value)}
              />
              <TextField
                label="Subresource"
                value={fields.subresource}
                onChange={(v) => set('subresource', v)}
                placeholder="log, exec, scale…"
                suggestions={chosen?.subresources ?? []}
              />
              <TextField
                label="API group"
                value={fields.apiGroup}
                onChange={(v) => set('apiGroup', v)}
                placeholder="as the resource"
              />
              <TextField
                label="Name"
                value={fields.name}
                onChange={(v) => set('name', v)}
                placeholder="any"
              />
              <div>
                <TextField
                  label="Namespace"
                  value={clusterScoped || fields.allNamespaces ? '' : fields.namespace}
                  disabled={clusterScoped || fields.allNamespaces}
                  onChange={(v) => set('namespace', v)}
                  placeholder={clusterScoped || fields.allNamespaces ? 'cluster-wide' : 'default'}
                  suggestions={namespaces}
                />
                <label className="mt-1.5 flex items-center gap-1.5 text-xs text-slate-600">
                  <input
                    type="checkbox"
                    checked={fields.allNamespaces}
                    disabled={clusterScoped}
                    onChange={(e) => set('allNamespaces', e.target.checked)}
                    className="accent-indigo-600"
                  />
                  All namespaces (cluster-wide)
                </label>
              </div>
            </>
          )}
        </div>
      </fieldset>

      <div className="mt-5 flex flex-wrap items-center gap-4">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-70"
        >
          {pending
            ? page === 'check'
              ? 'Checking…'
              : 'Looking…'
            : page === 'check'
              ? 'Check'
              : 'Who can?'}
        </button>
        <p className="text-xs text-slate-500">
          {clusterScoped ? `${base} are cluster-scoped: they are asked about cluster-wide. ` : ''}
          Resources and verbs are suggested from{' '}
          {from === 'discovery' ? 'the API server’s discovery' : 'a built-in list of common ones'};
          any value can be typed.
        </p>
      </div>
    </form>
  );
}
