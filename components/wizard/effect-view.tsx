'use client';

import { SeverityBadge } from '@/components/findings/severity-badge';
import type {
  GrantChange,
  ObjectStatus,
  PreviewEffect,
  SubjectEffect,
} from '@/lib/manifests/preview-effect';
import { PermissionTable } from './permission-table';

/** Changes of one row and kind, with their verbs together: "get, list pods in default". */
interface ChangeLine {
  change: GrantChange['change'];
  text: string;
  via: string[];
}

function what(c: { resource: string; apiGroup: string; nonResource?: true }): string {
  if (c.nonResource) return c.resource;
  return c.apiGroup ? `${c.resource} (${c.apiGroup})` : c.resource;
}

const access = (a: { access: 'all' | 'some'; resourceNames?: string[] }) =>
  a.access === 'all' ? '' : ` named ${(a.resourceNames ?? []).join(', ')}`;

/** Groups a subject's changes into readable lines. */
export function changeLines(changes: GrantChange[]): ChangeLine[] {
  const lines = new Map<string, { change: GrantChange; verbs: string[] }>();
  for (const c of changes) {
    const key = [
      c.change,
      c.namespace,
      c.apiGroup,
      c.resource,
      c.nonResource,
      access(c),
      c.was ? access(c.was) : '',
    ].join('|');
    const line = lines.get(key);
    if (line) line.verbs.push(c.verb);
    else lines.set(key, { change: c, verbs: [c.verb] });
  }
  return [...lines.values()].map(({ change: c, verbs }) => {
    // `*` stands for "every verb"; when it is there, the verbs beside it say nothing more.
    const verbText = verbs.includes('*') ? 'every verb on' : verbs.join(', ');
    const where = c.namespace ? `in ${c.namespace}` : 'cluster-wide';
    let text = `${verbText} ${what(c)}${access(c)} ${where}`;
    if (c.change === 'changed' && c.was) {
      text = `${verbText} ${what(c)} ${where}: now ${c.access === 'all' ? 'any object' : `only${access(c)}`} (was ${c.was.access === 'all' ? 'any object' : `only${access(c.was)}`})`;
    }
    return { change: c.change, text, via: c.via };
  });
}

const MARK = {
  added: { sign: '+', className: 'bg-emerald-100 text-emerald-800', word: 'Gains' },
  removed: { sign: '−', className: 'bg-red-100 text-red-800', word: 'Loses' },
  changed: { sign: '~', className: 'bg-amber-100 text-amber-900', word: 'Changes' },
} as const;

const STATUS = {
  new: 'bg-emerald-100 text-emerald-800',
  unchanged: 'bg-slate-100 text-slate-600',
  changed: 'bg-amber-100 text-amber-900',
} as const;

function ObjectList({ objects }: { objects: ObjectStatus[] }) {
  return (
    <ul className="space-y-1.5 text-sm" data-testid="object-statuses">
      {objects.map((o) => (
        <li key={`${o.kind}/${o.namespace}/${o.name}`}>
          <span
            className={`mr-2 inline-block w-20 rounded px-1.5 py-0.5 text-center text-xs font-medium ${STATUS[o.status]}`}
          >
            {o.status === 'changed' ? 'replaces' : o.status === 'unchanged' ? 'exists' : 'new'}
          </span>
          <span className="font-medium text-slate-800">{o.kind}</span>{' '}
          <span className="break-all font-mono text-xs">
            {o.namespace ? `${o.namespace}/` : ''}
            {o.name}
          </span>
          {o.note && <p className="ml-[5.5rem] mt-0.5 text-xs text-amber-800">{o.note}</p>}
        </li>
      ))}
    </ul>
  );
}

function SubjectChanges({ effect, first }: { effect: SubjectEffect; first: boolean }) {
  const lines = changeLines(effect.changes);
  return (
    <div className="space-y-3" data-testid="subject-effect" data-subject={effect.label}>
      <h4 className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-800">
        {effect.label}
        {effect.affected && (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
            affected: bound to an object this draft replaces, or to a ClusterRole aggregating it
          </span>
        )}
      </h4>
      {lines.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="no-change">
          No change: {effect.label} already holds all of this today.
        </p>
      ) : (
        <ul className="space-y-1" aria-label={`What changes for ${effect.label}`}>
          {lines.map((l) => (
            <li key={`${l.change}:${l.text}`} className="text-sm">
              <div className="flex items-start gap-2">
                <span
                  aria-hidden
                  className={`mt-0.5 inline-grid h-4 w-4 shrink-0 place-items-center rounded text-xs font-bold ${MARK[l.change].className}`}
                >
                  {MARK[l.change].sign}
                </span>
                <span data-testid="grant-change" data-change={l.change}>
                  <span className="sr-only">{MARK[l.change].word}: </span>
                  {l.text}
                </span>
              </div>
              {/* The grant paths as text, for the keyboard and screen readers too. */}
              {l.via.length > 0 && (
                <details className="ml-6 text-xs text-slate-600">
                  <summary className="cursor-pointer text-indigo-700 hover:underline">
                    why<span className="sr-only">: where {l.text} comes from</span>
                  </summary>
                  <ul className="mt-0.5 space-y-0.5 break-words font-mono">
                    {l.via.map((v) => (
                      <li key={v}>{v}</li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
      {first && (
        <details className="group" open>
          <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">
            Effective permissions after applying
          </summary>
          <div className="mt-2">
            <PermissionTable after={effect.after} changes={effect.changes} label={effect.label} />
          </div>
        </details>
      )}
    </div>
  );
}

/** The review's answer to "what would this change?", from the engine over the current data. */
export function EffectView({
  effect,
  sourceLabel,
}: {
  effect: PreviewEffect;
  sourceLabel: string;
}) {
  const [mine, ...others] = effect.subjects;
  return (
    <div className="space-y-5">
      <div>
        <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">
          Against {sourceLabel}
        </h3>
        <div className="mt-2">
          <ObjectList objects={effect.objects} />
        </div>
      </div>
      {mine && <SubjectChanges effect={mine} first />}
      {others.map((e) => (
        <SubjectChanges key={e.label} effect={e} first={false} />
      ))}
      {effect.unexamined ? (
        <p className="text-xs text-slate-500">
          {effect.unexamined} more subjects are bound to replaced objects and were not examined.
        </p>
      ) : null}
    </div>
  );
}

/** Risky permissions the draft's subjects would hold, from the findings engine. */
export function RiskList({ risks }: { risks: PreviewEffect['risks'] }) {
  if (risks.length === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="no-risks">
        No risky permissions: no secrets, wildcards, escalate/bind/impersonate, exec or workload
        creation.
      </p>
    );
  }
  return (
    <ul className="space-y-2">
      {risks.map(({ finding: f, isNew, affected }) => (
        <li key={f.id} className="flex gap-3" data-testid="risk" data-rule={f.rule}>
          <div className="pt-0.5">
            <SeverityBadge severity={f.severity} />
          </div>
          <div className="min-w-0 text-sm">
            <p className="font-medium text-slate-900">
              {f.message}{' '}
              <span
                className={`ml-1 rounded px-1.5 py-0.5 text-xs font-normal ${isNew ? 'bg-red-50 text-red-800' : 'bg-slate-100 text-slate-500'}`}
              >
                {affected
                  ? 'new with this draft, through a replaced object'
                  : isNew
                    ? 'new with this draft'
                    : 'already today'}
              </span>
            </p>
            <p className="mt-0.5 text-xs text-slate-600">{f.why}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
