'use client';

import { useId, useState, type ReactNode } from 'react';

export const inputClass =
  'w-full rounded-md border bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-none focus:ring-2 focus:ring-indigo-500/40 disabled:bg-slate-50 disabled:text-slate-500';
const inputBorder = (invalid: boolean) =>
  invalid ? 'border-red-400 focus:border-red-500' : 'border-slate-300 focus:border-indigo-500';

export const buttonClass = {
  primary:
    'inline-flex items-center gap-1.5 rounded-md bg-indigo-600 px-3.5 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300',
  secondary:
    'inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3.5 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:text-slate-400',
  quiet:
    'inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500',
} as const;

/** Validation messages under a field, tied to it with aria-describedby. */
export function FieldErrors({ id, errors }: { id: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs text-red-700" data-testid="field-error">
      {errors.map((e) => (
        <li key={e} className="break-words">
          {e}
        </li>
      ))}
    </ul>
  );
}

/** A field's hint and its errors, under it: `ID-hint` and `ID-errors` for aria-describedby. */
function FieldNotes({ id, hint, errors }: { id: string; hint?: ReactNode; errors: string[] }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldErrors id={`${id}-errors`} errors={errors} />
    </>
  );
}

/**
 * A labelled text input with a hint and inline errors; its suggestions come from the datalist
 * `list` names, or from `suggestions`, which it lists itself.
 */
export function TextField({
  label,
  value,
  onChange,
  errors = [],
  hint,
  list,
  suggestions,
  placeholder,
  mono = true,
  name,
  readOnly,
  disabled,
}: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  hint?: ReactNode;
  list?: string;
  suggestions?: readonly string[];
  placeholder?: string;
  mono?: boolean;
  name?: string;
  readOnly?: boolean;
  disabled?: boolean;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', errors.length ? `${id}-errors` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        value={value}
        list={suggestions ? `${id}-suggestions` : list}
        placeholder={placeholder}
        readOnly={readOnly}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.target.value)}
        className={`mt-1 ${inputClass} ${inputBorder(errors.length > 0)} ${mono ? 'font-mono' : ''} ${readOnly ? 'bg-slate-50 text-slate-600' : ''}`}
      />
      {suggestions && (
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      <FieldNotes id={id} hint={hint} errors={errors} />
    </div>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: string;
  description: ReactNode;
}

/** A radio group drawn as cards: one choice, each with a line of explanation. */
export function ChoiceCards<T extends string>({
  legend,
  name,
  value,
  choices,
  onChange,
  errors = [],
}: {
  legend: string;
  name: string;
  value: T;
  choices: Choice<T>[];
  onChange: (value: T) => void;
  errors?: string[];
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={errors.length ? `${id}-errors` : undefined}>
      <legend className="text-xs font-medium text-slate-600">{legend}</legend>
      <div className="mt-1 grid gap-2 sm:grid-cols-2">
        {choices.map((c) => (
          <label
            key={c.value}
            className={`flex cursor-pointer gap-2.5 rounded-lg border p-3 text-sm transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500/40 ${
              value === c.value
                ? 'border-indigo-400 bg-indigo-50/60'
                : 'border-slate-200 bg-white hover:border-slate-300'
            }`}
          >
            <input
              type="radio"
              name={name}
              value={c.value}
              checked={value === c.value}
              onChange={() => onChange(c.value)}
              aria-invalid={(errors.length > 0 && value === c.value) || undefined}
              className="mt-0.5 accent-indigo-600"
            />
            <span>
              <span className="block font-medium text-slate-900">{c.label}</span>
              <span className="mt-0.5 block text-xs text-slate-500">{c.description}</span>
            </span>
          </label>
        ))}
      </div>
      <FieldErrors id={`${id}-errors`} errors={errors} />
    </fieldset>
  );
}

/**
 * A list of strings as removable chips, with an input that adds one more (Enter or the Add
 * button). The input may offer suggestions through a datalist.
 */
export function ChipList({
  label,
  values,
  onChange,
  errors = [],
  hint,
  list,
  placeholder,
  display = (v) => v,
  addLabel,
  adder = true,
}: {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  errors?: string[];
  hint?: ReactNode;
  list?: string;
  placeholder?: string;
  display?: (value: string) => string;
  addLabel: string;
  /** False: only the chips; something else adds values. */
  adder?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const add = () => {
    const v = text.trim();
    if (!v || values.includes(v)) return setText('');
    onChange([...values, v]);
    setText('');
  };
  const described = [hint ? `${id}-hint` : '', errors.length ? `${id}-errors` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div>
      {adder ? (
        <label htmlFor={id} className="block text-xs font-medium text-slate-600">
          {label}
        </label>
      ) : (
        <p id={`${id}-label`} className="block text-xs font-medium text-slate-600">
          {label}
        </p>
      )}
      <div
        role={adder ? undefined : 'group'}
        aria-labelledby={adder ? undefined : `${id}-label`}
        aria-describedby={adder ? undefined : described || undefined}
        className={`mt-1 flex min-h-9 flex-wrap items-center gap-1.5 rounded-md border bg-white px-1.5 py-1 shadow-sm focus-within:ring-2 focus-within:ring-indigo-500/40 ${inputBorder(errors.length > 0)}`}
      >
        {values.length === 0 && !adder && (
          <span className="px-1 text-sm text-slate-400">{placeholder}</span>
        )}
        {values.map((v, i) => (
          <span
            key={`${i}:${v}`}
            className="inline-flex max-w-full items-center gap-1 rounded bg-slate-100 py-0.5 pl-2 pr-1 font-mono text-xs text-slate-800"
          >
            <span className="truncate">{display(v)}</span>
            <button
              type="button"
              onClick={() => onChange(values.filter((_, j) => j !== i))}
              aria-label={`Remove ${display(v)}`}
              className="rounded px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500"
            >
              ×
            </button>
          </span>
        ))}
        {adder && (
          <input
            id={id}
            type="text"
            value={text}
            list={list}
            placeholder={placeholder}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.length > 0 || undefined}
            aria-describedby={described || undefined}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                // Enter adds the chip instead of submitting the step.
                e.preventDefault();
                add();
              } else if (e.key === 'Backspace' && text === '' && values.length > 0) {
                onChange(values.slice(0, -1));
              }
            }}
            className="min-w-28 flex-1 border-0 bg-transparent px-1 py-0.5 font-mono text-sm focus:outline-none"
          />
        )}
        {adder && (
          <button type="button" onClick={add} className={buttonClass.quiet}>
            {addLabel}
          </button>
        )}
      </div>
      <FieldNotes id={id} hint={hint} errors={errors} />
    </div>
  );
}
