'use client';

import { useState } from 'react';
import { grantNamespace } from '@/lib/manifests/build-objects';
import type { WizardSpec } from '@/lib/manifests/wizard-spec';
import { describeRule } from '@/lib/rbac/describe';
import { buttonClass } from '@/components/ui/form-fields';

const orNone = (s: string) => s || '(empty)';

/** The draft so far, in words, beside the form; and a link that reopens it. */
export function DraftSummary({ spec, problems }: { spec: WizardSpec; problems: boolean[] }) {
  const { serviceAccount: sa, role, binding, pod } = spec;
  const [copied, setCopied] = useState('');
  const item = (step: number, title: string, body: React.ReactNode) => (
    <li className="py-2.5">
      <p className="flex items-center gap-1.5 text-xs font-medium uppercase tracking-wide text-slate-500">
        {title}
        {problems[step] && (
          <span className="rounded bg-red-100 px-1 text-[10px] font-semibold normal-case tracking-normal text-red-700">
            needs a fix
          </span>
        )}
      </p>
      <div className="mt-0.5 break-words text-sm text-slate-800">{body}</div>
    </li>
  );
  return (
    <aside
      aria-label="Your draft"
      className="h-fit rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:sticky lg:top-6"
    >
      <h2 className="text-sm font-semibold">Your draft</h2>
      <ul className="mt-1 divide-y divide-slate-100">
        {item(
          0,
          'ServiceAccount',
          <>
            <span className="font-mono">
              {orNone(sa.namespace)}/{orNone(sa.name)}
            </span>{' '}
            <span className="text-slate-500">{sa.existing ? '(existing)' : '(new)'}</span>
          </>,
        )}
        {item(
          1,
          role.kind,
          <>
            <span className="font-mono">{orNone(role.name)}</span>
            {role.kind === 'Role' && (
              <span className="text-slate-500"> in {orNone(role.namespace)}</span>
            )}
            <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
              {role.rules.map((r, i) => (
                <li key={i}>
                  • {r.verbs.length && r.resources.length ? describeRule(r) : 'an unfinished rule'}
                </li>
              ))}
            </ul>
          </>,
        )}
        {item(
          2,
          binding.kind,
          <>
            <span className="font-mono">{orNone(binding.name)}</span>{' '}
            <span className="text-slate-500">
              {binding.kind === 'RoleBinding'
                ? `grants in ${orNone(grantNamespace(spec))}`
                : 'grants everywhere'}
            </span>
            <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
              {binding.subjects.map((s, i) => (
                <li key={i}>
                  → {s.kind} {s.kind === 'ServiceAccount' ? `${orNone(s.namespace)}/` : ''}
                  {orNone(s.name)}
                </li>
              ))}
            </ul>
          </>,
        )}
        {item(
          3,
          'Test Pod',
          pod.enabled ? (
            <>
              <span className="font-mono">{orNone(pod.name)}</span>{' '}
              <span className="text-slate-500">
                {pod.access === 'proxy'
                  ? 'with a kubectl proxy sidecar'
                  : 'with curl and the token'}
              </span>
            </>
          ) : (
            <span className="text-slate-500">none</span>
          ),
        )}
      </ul>
      <div className="mt-2 flex items-center gap-2 border-t border-slate-100 pt-3">
        <button
          type="button"
          className={buttonClass.quiet}
          onClick={() =>
            navigator.clipboard.writeText(window.location.href).then(
              () => setCopied('Link copied.'),
              () => setCopied('Copy the address bar: it holds the draft.'),
            )
          }
        >
          Copy link to this draft
        </button>
        <span className="text-xs text-slate-500" role="status">
          {copied}
        </span>
      </div>
    </aside>
  );
}
