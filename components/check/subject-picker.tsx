'use client';

import { useEffect, useId, useState } from 'react';
import { inputClass } from '@/components/ui/form-fields';

/** A subject as GET /api/subjects lists it. */
interface Option {
  key: string;
  kind: 'ServiceAccount' | 'User' | 'Group';
  name: string;
  namespace?: string;
  bindings: number;
}

const SHOWN = 12;
const DEBOUNCE_MS = 120;

/** The user name a ServiceAccount or User option stands for. */
function userOf(o: Option): string {
  return o.kind === 'ServiceAccount' ? `system:serviceaccount:${o.namespace}:${o.name}` : o.name;
}

const KIND_LABEL = { ServiceAccount: 'SA', User: 'User', Group: 'Group' } as const;

/**
 * A combobox for "who is asking": type a user name freely, or pick a ServiceAccount, User or
 * Group seen in the data (searched as you type). Picking a group hands it to `onPickGroup`.
 */
export function SubjectPicker({
  id,
  value,
  onChange,
  onPickGroup,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (user: string) => void;
  onPickGroup: (group: string) => void;
  describedBy?: string;
}) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Option[]>([]);
  const [total, setTotal] = useState(0);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<'idle' | 'loading' | 'failed'>('idle');

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setStatus('loading');
      // A ServiceAccount user name searches as its namespace and name.
      const q = value.replace(/^system:serviceaccount:/, '').replaceAll(':', ' ');
      try {
        const res = await fetch(
          `/api/subjects?${new URLSearchParams({ q, limit: String(SHOWN) })}`,
          {
            signal: controller.signal,
          },
        );
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as { total: number; subjects: Option[] };
        setOptions(body.subjects);
        setTotal(body.total);
        setActive(-1);
        setStatus('idle');
      } catch {
        if (!controller.signal.aborted) setStatus('failed');
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, value]);

  function pick(o: Option) {
    if (o.kind === 'Group') {
      onPickGroup(o.name);
      onChange('');
    } else {
      onChange(userOf(o));
    }
    setOpen(false);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const n = options.length;
      if (n === 0) return;
      setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % n : (i - 1 + n) % n));
    } else if (e.key === 'Enter' && open && active >= 0 && options[active]) {
      e.preventDefault();
      pick(options[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  }

  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    <div className="relative">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        placeholder="system:serviceaccount:default:myapp1"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={`${inputClass} border-slate-300 font-mono focus:border-indigo-500`}
      />
      {open && (
        <div className="absolute z-20 mt-1 w-full overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg">
          <ul
            id={listId}
            role="listbox"
            aria-label="Subjects in this data"
            className="max-h-80 overflow-y-auto py-1"
          >
            {options.map((o, i) => (
              <li
                key={o.key}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                // Keep the focus in the input: blur would close the list before the click.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(o)}
                onMouseEnter={() => setActive(i)}
                className={`flex cursor-pointer items-baseline gap-2 px-3 py-1.5 text-sm ${
                  i === active ? 'bg-indigo-50 text-indigo-900' : 'text-slate-800'
                }`}
              >
                <span className="w-11 shrink-0 text-xs font-medium text-slate-500">
                  {KIND_LABEL[o.kind]}
                </span>
                <span className="truncate font-mono">
                  {o.namespace && <span className="text-slate-400">{o.namespace}/</span>}
                  {o.name}
                </span>
                <span className="ml-auto shrink-0 text-xs text-slate-400">
                  {o.bindings === 1 ? '1 binding' : `${o.bindings} bindings`}
                </span>
              </li>
            ))}
          </ul>
          <p
            className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500"
            aria-live="polite"
          >
            {status === 'failed'
              ? 'Could not search the subjects; type a user name.'
              : status === 'loading' && options.length === 0
                ? 'Searching…'
                : options.length === 0
                  ? 'No subject in the data matches; the name is asked about as typed.'
                  : total > options.length
                    ? `${options.length} of ${total.toLocaleString('en')} — type more to narrow`
                    : `${total} ${total === 1 ? 'match' : 'matches'} — ↑↓ to choose, Enter to pick`}
          </p>
        </div>
      )}
    </div>
  );
}
