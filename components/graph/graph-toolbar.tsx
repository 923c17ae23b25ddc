'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatCount } from '@/lib/graph/format-count';
import {
  roleOfPermissionId,
  SUBJECT_KINDS,
  type GraphNode,
  type GraphQuery,
} from '@/lib/graph/model';
import { namespacesFit } from '@/lib/graph/query-string';
import type { SubjectKind } from '@/lib/rbac/types';

interface Props {
  query: GraphQuery;
  allNamespaces: string[];
  /** The view's nodes by id, in the model's order. */
  byId: ReadonlyMap<string, GraphNode>;
  focusLabel: string | undefined;
  pending: boolean;
  onChange: (change: Partial<GraphQuery>) => void;
  /** A change made by a control that then goes away (Clear focus, Clear highlight). */
  onClear: (change: Partial<GraphQuery>) => void;
  onFind: (id: string) => void;
}

const KIND_LABELS: Record<SubjectKind, string> = {
  ServiceAccount: 'ServiceAccounts',
  User: 'Users',
  Group: 'Groups',
};

/** Filters (namespaces, subject kinds, built-in policy), search and the focus. */
export function GraphToolbar({
  query,
  allNamespaces,
  byId,
  focusLabel,
  pending,
  onChange,
  onClear,
  onFind,
}: Props) {
  const kinds = query.kinds.length > 0 ? query.kinds : SUBJECT_KINDS;
  const toggleKind = (kind: SubjectKind) => {
    const next = kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind];
    if (next.length === 0) return;
    onChange({
      kinds:
        next.length === SUBJECT_KINDS.length ? [] : SUBJECT_KINDS.filter((k) => next.includes(k)),
    });
  };
  return (
    <div
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-sm"
      data-testid="graph-toolbar"
    >
      <NamespacePicker
        all={allNamespaces}
        chosen={query.namespaces}
        onChange={(namespaces) => onChange({ namespaces, all: false })}
      />
      <fieldset className="flex items-center gap-3">
        <legend className="sr-only">Subject kinds</legend>
        {SUBJECT_KINDS.map((kind) => (
          <label key={kind} className="flex items-center gap-1.5 text-slate-700">
            <input
              type="checkbox"
              className="h-3.5 w-3.5 accent-indigo-600"
              checked={kinds.includes(kind)}
              disabled={kinds.length === 1 && kinds.includes(kind)}
              onChange={() => toggleKind(kind)}
            />
            {KIND_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <label
        className="flex items-center gap-1.5 text-slate-700"
        title="The roles and bindings the API server creates itself (system:…, rbac-defaults)"
      >
        <input
          type="checkbox"
          className="h-3.5 w-3.5 accent-indigo-600"
          checked={query.system}
          onChange={(e) => onChange({ system: e.target.checked })}
        />
        Built-in policy
      </label>
      <Search byId={byId} onFind={onFind} />
      {query.focus && (
        <span
          className="flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pl-2.5 pr-1 text-xs font-medium text-indigo-800"
          data-testid="focus-chip"
        >
          Focus: <span className="max-w-56 truncate">{focusLabel}</span>
          <button
            type="button"
            aria-label="Clear focus"
            onClick={() => onClear({ focus: undefined, highlight: [] })}
            className="grid h-5 w-5 place-items-center rounded-full hover:bg-indigo-100"
          >
            ×
          </button>
        </span>
      )}
      {query.highlight.length > 0 && !query.focus && (
        <button
          type="button"
          onClick={() => onClear({ highlight: [] })}
          className="text-xs font-medium text-indigo-700 hover:underline"
        >
          Clear highlight
        </button>
      )}
      {pending && (
        <span role="status" className="ml-auto text-xs text-slate-500">
          Updating…
        </span>
      )}
    </div>
  );
}

/** How many namespaces the picker lists at once. */
const LISTED = 200;

/** A multi-select of namespaces in a popover, with a filter for long lists. */
function NamespacePicker({
  all,
  chosen,
  onChange,
}: {
  all: string[];
  chosen: string[];
  onChange: (namespaces: string[]) => void;
}) {
  const [filter, setFilter] = useState('');
  // The list is only built while the picker is open: a cluster's hundreds of namespaces would
  // otherwise be rendered, sent and hydrated with every page, unseen.
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  // Opened before the page was interactive: the toggle event has gone by.
  useEffect(() => setOpen(details.current!.open), []);
  const id = useId();
  const f = filter.trim().toLowerCase();
  const chosenSet = useMemo(() => new Set(chosen), [chosen]);
  const matching = useMemo(() => (f ? all.filter((n) => n.includes(f)) : all), [all, f]);
  // Chosen namespaces first, then the rest; long lists stay short.
  const shown = useMemo(() => {
    const matches = new Set(matching);
    return [
      ...chosen.filter((n) => matches.has(n)),
      ...matching.filter((n) => !chosenSet.has(n)),
    ].slice(0, LISTED);
  }, [chosen, chosenSet, matching]);
  // With a filter, every namespace it matches can be chosen at once (when the address can hold
  // them).
  const unchosen = f ? matching.filter((n) => !chosenSet.has(n)) : [];
  const withMatching = [...chosen, ...unchosen].sort();
  // The view's address holds no more namespaces (one more of the longest names would not fit).
  const full = useMemo(
    () => chosen.length > 0 && !namespacesFit([...chosen, 'x'.repeat(63)]),
    [chosen],
  );
  const toggle = (ns: string) =>
    onChange(chosen.includes(ns) ? chosen.filter((n) => n !== ns) : [...chosen, ns].sort());
  const summary =
    chosen.length === 0
      ? 'All namespaces'
      : chosen.length <= 2
        ? chosen.join(', ')
        : `${chosen.length} namespaces`;
  return (
    <details
      ref={details}
      className="group relative"
      data-testid="namespace-picker"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1 font-medium text-slate-800 hover:bg-slate-50">
        <span className="text-slate-500">Namespaces:</span>
        <span className="max-w-48 truncate">{summary}</span>
        <span aria-hidden className="text-slate-400 group-open:rotate-180">
          ▾
        </span>
      </summary>
      {open && (
        <div className="absolute left-0 z-20 mt-1 w-72 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
          <label htmlFor={id} className="sr-only">
            Filter namespaces
          </label>
          <input
            id={id}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder={`Filter ${formatCount(all.length)} namespaces`}
            className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-500"
          />
          <ul className="mt-2 max-h-64 overflow-y-auto">
            {shown.map((ns) => (
              <li key={ns}>
                <label className="flex items-center gap-2 rounded px-1.5 py-1 text-sm text-slate-700 hover:bg-slate-50">
                  <input
                    type="checkbox"
                    className="h-3.5 w-3.5 accent-indigo-600 disabled:opacity-40"
                    checked={chosenSet.has(ns)}
                    disabled={full && !chosenSet.has(ns)}
                    onChange={() => toggle(ns)}
                  />
                  {ns}
                </label>
              </li>
            ))}
            {shown.length === 0 && (
              <li className="px-1.5 py-1 text-sm text-slate-500">No match.</li>
            )}
          </ul>
          {full && (
            <p className="mt-1 px-1.5 text-xs text-slate-500">
              The view’s address holds no more namespaces: clear some to choose others.
            </p>
          )}
          {matching.length > shown.length && (
            <p className="mt-1 px-1.5 text-xs text-slate-500">
              {formatCount(shown.length)} of {formatCount(matching.length)} listed: filter to find
              the others.
            </p>
          )}
          {unchosen.length > 1 &&
            (namespacesFit(withMatching) ? (
              <button
                type="button"
                onClick={() => onChange(withMatching)}
                className="mt-2 block text-xs font-medium text-indigo-700 hover:underline"
              >
                Choose all {formatCount(matching.length)} matching “{f}”
              </button>
            ) : (
              <p className="mt-2 text-xs text-slate-500">
                {formatCount(matching.length)} match: too many for one view’s address. Narrow the
                filter to choose them all.
              </p>
            ))}
          {chosen.length > 0 && (
            <button
              type="button"
              onClick={() => onChange([])}
              className="mt-2 block text-xs font-medium text-indigo-700 hover:underline"
            >
              Show all namespaces
            </button>
          )}
        </div>
      )}
    </details>
  );
}

interface Match {
  node: GraphNode;
  /** What tells it apart: its kind, and its namespace or (permissions) its role. */
  context: string;
}

/**
 * Finds a node of the view by name and jumps to it: a combobox whose options follow the arrow
 * keys; Enter picks the active one.
 */
function Search({
  byId,
  onFind,
}: {
  byId: ReadonlyMap<string, GraphNode>;
  onFind: (id: string) => void;
}) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = useMemo((): Match[] => {
    const t = text.trim().toLowerCase();
    if (!t) return [];
    const exact: GraphNode[] = [];
    const partial: GraphNode[] = [];
    for (const n of byId.values()) {
      const label = n.label.toLowerCase();
      // Every node is looked at: a node named exactly so comes first, however many others
      // have the text in their names or ids.
      if (label === t) exact.push(n);
      else if (partial.length < 8 && (label.includes(t) || n.id.toLowerCase().includes(t)))
        partial.push(n);
      if (exact.length >= 8) break;
    }
    const found = [...exact, ...partial].slice(0, 8);
    // Permissions share their resource's name: name their role.
    return found.map((node) => {
      const roleId = node.kind === 'Permission' && roleOfPermissionId(node.id, (r) => byId.has(r));
      const role = roleId && byId.get(roleId);
      return {
        node,
        context: role
          ? `${node.more ? 'More permissions' : 'Permission'} of ${role.label}${node.namespace ? ` · ${node.namespace}` : ''}`
          : `${node.kind}${node.namespace ? ` · ${node.namespace}` : ''}`,
      };
    });
  }, [byId, text]);
  const current = Math.min(active, matches.length - 1);
  const pick = (n: GraphNode) => {
    onFind(n.id);
    setOpen(false);
  };
  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    <div className="relative">
      <label htmlFor={`${listId}-input`} className="sr-only">
        Find a node
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-expanded={open && matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && current >= 0 ? optionId(current) : undefined}
        value={text}
        placeholder="Find a node…"
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive(Math.max(0, Math.min(matches.length - 1, current + step)));
          }
          if (e.key === 'Enter' && matches[Math.max(current, 0)]) {
            e.preventDefault();
            pick(matches[Math.max(current, 0)]!.node);
          }
          if (e.key === 'Escape') setOpen(false);
        }}
        className="w-52 rounded-md border border-slate-300 px-2.5 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-500"
      />
      {open && text.trim() && (
        <ul
          id={listId}
          role="listbox"
          className="absolute left-0 z-20 mt-1 w-80 overflow-hidden rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
        >
          {matches.map(({ node: n, context }, i) => (
            <li
              key={n.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(n);
              }}
              className={`flex cursor-pointer items-baseline gap-2 px-3 py-1.5 text-sm ${i === current ? 'bg-indigo-50' : ''}`}
            >
              <span className="truncate font-medium text-slate-800">{n.label.split('\n')[0]}</span>
              <span className="ml-auto shrink-0 text-xs text-slate-500">{context}</span>
            </li>
          ))}
          {matches.length === 0 && (
            <li className="px-3 py-1.5 text-sm text-slate-500">
              Nothing by that name in this view.
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
