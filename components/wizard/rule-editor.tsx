'use client';

import { useId, useState } from 'react';
import type { RuleDraft } from '@/lib/manifests/wizard-spec';
import { describeRule } from '@/lib/rbac/describe';
import type { ResourceInfo } from '@/lib/rbac/resource-catalog';
import {
  buttonClass,
  ChipList,
  FieldErrors,
  inputClass,
  TextField,
} from '@/components/ui/form-fields';

const VERB_GROUPS: { label: string; verbs: string[] }[] = [
  { label: 'Read', verbs: ['get', 'list', 'watch'] },
  { label: 'Write', verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'] },
  { label: 'Special', verbs: ['escalate', 'bind', 'impersonate', 'approve', 'sign', 'use'] },
  { label: 'All', verbs: ['*'] },
];

const groupsText = (groups: string[]) => groups.join(', ');
const parseGroups = (text: string) => text.split(',').map((g) => g.trim());

/** The API groups of a rule as one text field: empty is the core group, commas separate. */
function ApiGroupsField({
  value,
  onChange,
  errors,
  list,
}: {
  value: string[];
  onChange: (groups: string[]) => void;
  errors: string[];
  list: string;
}) {
  const [text, setText] = useState(groupsText(value));
  const [seen, setSeen] = useState(value);
  // Follow changes made elsewhere (a preset), but never rewrite what the user is typing.
  if (seen !== value) {
    setSeen(value);
    if (groupsText(parseGroups(text)) !== groupsText(value)) setText(groupsText(value));
  }
  return (
    <TextField
      label="API group"
      value={text}
      list={list}
      placeholder='core ("")'
      onChange={(t) => {
        setText(t);
        onChange(parseGroups(t));
      }}
      errors={errors}
      hint={
        value.length === 1 && value[0] === ''
          ? 'The core group: pods, services, configmaps, secrets…'
          : 'Empty for the core group; separate several with commas.'
      }
    />
  );
}

/** One rule: verbs, API groups, resources with subresources, and optional resource names. */
export function RuleEditor({
  index,
  rule,
  onChange,
  onRemove,
  errors,
  resources,
  verbs,
}: {
  index: number;
  rule: RuleDraft;
  onChange: (edit: (rule: RuleDraft) => void, field: string) => void;
  onRemove: () => void;
  errors: (field: string) => string[];
  resources: readonly ResourceInfo[];
  verbs: readonly string[];
}) {
  const id = useId();
  const [resource, setResource] = useState('');
  const [subresource, setSubresource] = useState('');
  const at = `role.rules.${index}`;
  const known = resources.filter((r) => r.resource === resource.trim());
  const inGroups = resources.filter(
    (r) => rule.apiGroups.includes(r.group) || rule.apiGroups.includes('*'),
  );
  const suggestions = inGroups.length > 0 ? inGroups : resources;
  const extraVerbs = rule.verbs.filter((v) => !VERB_GROUPS.some((g) => g.verbs.includes(v)));
  const allVerbs = new Set([...verbs, '*']);

  const addResource = () => {
    const base = resource.trim();
    const sub = subresource.trim();
    if (!base) return;
    const combined = sub ? `${base}/${sub}` : base;
    onChange((r) => {
      // The first resource of a rule picks its group, when the catalogue knows it.
      const info = resources.filter((x) => x.resource === base);
      if (
        r.resources.length === 0 &&
        info.length > 0 &&
        !info.some((x) => r.apiGroups.includes(x.group))
      ) {
        r.apiGroups = [info[0]!.group];
      }
      if (!r.resources.includes(combined)) r.resources.push(combined);
    }, `${at}.resources`);
    setResource('');
    setSubresource('');
  };

  const ruleErrors = errors(at).filter((e) => /repeats/.test(e));
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-slate-200 bg-slate-50/60 p-4"
      data-testid="rule"
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-800">
            Rule {index + 1}
          </h3>
          <p className="mt-0.5 truncate text-xs text-slate-500" title={describeRule(rule)}>
            {rule.verbs.length > 0 && rule.resources.length > 0
              ? describeRule(rule)
              : 'Pick verbs and resources.'}
          </p>
        </div>
        <button
          type="button"
          onClick={onRemove}
          className={buttonClass.quiet}
          aria-label={`Remove rule ${index + 1}`}
        >
          Remove
        </button>
      </div>
      <FieldErrors id={`${id}-rule-errors`} errors={ruleErrors} />

      <fieldset
        className="mt-3"
        aria-describedby={errors(`${at}.verbs`).length ? `${id}-verb-errors` : undefined}
      >
        <legend className="text-xs font-medium text-slate-600">Verbs</legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
          {[
            ...VERB_GROUPS,
            ...(extraVerbs.length ? [{ label: 'Other', verbs: extraVerbs }] : []),
          ].map((g) => (
            <div key={g.label} className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="text-[11px] font-medium uppercase tracking-wide text-slate-400">
                {g.label}
              </span>
              {g.verbs
                .filter((v) => allVerbs.has(v) || rule.verbs.includes(v))
                .map((v) => (
                  <label
                    key={v}
                    className="flex items-center gap-1 font-mono text-xs text-slate-800"
                  >
                    <input
                      type="checkbox"
                      checked={rule.verbs.includes(v)}
                      onChange={(e) =>
                        onChange((r) => {
                          r.verbs = e.target.checked
                            ? [...r.verbs, v]
                            : r.verbs.filter((x) => x !== v);
                        }, `${at}.verbs`)
                      }
                      className="accent-indigo-600"
                    />
                    {v}
                  </label>
                ))}
            </div>
          ))}
        </div>
        <FieldErrors id={`${id}-verb-errors`} errors={errors(`${at}.verbs`)} />
      </fieldset>

      <div className="mt-3 grid gap-4 md:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
        <ApiGroupsField
          value={rule.apiGroups}
          onChange={(groups) => onChange((r) => (r.apiGroups = groups), `${at}.apiGroups`)}
          errors={errors(`${at}.apiGroups`)}
          list="wizard-api-groups"
        />
        <div>
          <ChipList
            label="Resources"
            values={rule.resources}
            onChange={(values) => onChange((r) => (r.resources = values), `${at}.resources`)}
            errors={errors(`${at}.resources`)}
            addLabel="Add"
            adder={false}
            placeholder="None yet: add one below."
          />
          <div className="mt-2 flex flex-wrap items-end gap-2">
            <div className="min-w-40 flex-1">
              <label
                htmlFor={`${id}-resource`}
                className="block text-[11px] font-medium text-slate-500"
              >
                Resource
              </label>
              <input
                id={`${id}-resource`}
                type="text"
                value={resource}
                list={`${id}-resources`}
                placeholder="pods"
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => setResource(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addResource();
                  }
                }}
                className={`mt-0.5 ${inputClass} border-slate-300 font-mono`}
              />
            </div>
            <div className="min-w-32 flex-1">
              <label
                htmlFor={`${id}-subresource`}
                className="block text-[11px] font-medium text-slate-500"
              >
                Subresource (optional)
              </label>
              <input
                id={`${id}-subresource`}
                type="text"
                value={subresource}
                list={`${id}-subresources`}
                placeholder={known[0]?.subresources?.[0] ?? 'log'}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => setSubresource(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addResource();
                  }
                }}
                className={`mt-0.5 ${inputClass} border-slate-300 font-mono`}
              />
            </div>
            <button
              type="button"
              onClick={addResource}
              className={buttonClass.secondary}
              disabled={!resource.trim()}
            >
              Add resource
            </button>
          </div>
          <datalist id={`${id}-resources`}>
            {[...new Set(suggestions.map((r) => r.resource))].map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          <datalist id={`${id}-subresources`}>
            {[...new Set(known.flatMap((r) => r.subresources ?? []))].map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
      </div>

      <div className="mt-3">
        <ChipList
          label="Resource names (optional)"
          values={rule.resourceNames}
          onChange={(values) => onChange((r) => (r.resourceNames = values), `${at}.resourceNames`)}
          errors={errors(`${at}.resourceNames`)}
          addLabel="Add name"
          placeholder="only these objects, e.g. app-config"
          hint="Limits get, update, patch and delete to the named objects, and create on a subresource (serviceaccounts/token, pods/exec) to their named parents. list and watch then match only a request for one named object by field selector (metadata.name=NAME), never a plain list; create of a new object and deletecollection never match."
        />
      </div>
    </section>
  );
}
