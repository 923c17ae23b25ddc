'use client';

export interface StepInfo {
  id: string;
  title: string;
  blurb: string;
}

/** The wizard's steps in order: where you are, what is done, what has problems. */
export function StepIndicator({
  steps,
  current,
  problems,
  canGo,
  onGo,
}: {
  steps: readonly StepInfo[];
  current: number;
  /** Per step: it has problems the user has been shown. */
  problems: boolean[];
  canGo: (step: number) => boolean;
  onGo: (step: number) => void;
}) {
  return (
    <nav aria-label="Wizard steps">
      <ol className="grid grid-cols-5 gap-2">
        {steps.map((s, i) => {
          const state =
            i === current ? 'current' : problems[i] ? 'problem' : i < current ? 'done' : 'upcoming';
          const enabled = i !== current && canGo(i);
          return (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => onGo(i)}
                disabled={!enabled}
                aria-current={i === current ? 'step' : undefined}
                className={`group flex w-full items-center gap-3 rounded-lg border px-3 py-2 text-left transition-colors focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:cursor-default ${
                  state === 'current'
                    ? 'border-indigo-300 bg-white shadow-sm'
                    : 'border-transparent enabled:hover:border-slate-200 enabled:hover:bg-white'
                }`}
              >
                <span
                  aria-hidden
                  className={`grid h-7 w-7 shrink-0 place-items-center rounded-full text-xs font-semibold ${
                    state === 'current'
                      ? 'bg-indigo-600 text-white'
                      : state === 'problem'
                        ? 'bg-red-100 text-red-700'
                        : state === 'done'
                          ? 'bg-indigo-100 text-indigo-700'
                          : 'bg-slate-200 text-slate-500'
                  }`}
                >
                  {state === 'done' ? '✓' : state === 'problem' ? '!' : i + 1}
                </span>
                <span className="min-w-0">
                  <span
                    className={`block truncate text-sm font-medium ${state === 'upcoming' ? 'text-slate-500' : 'text-slate-900'}`}
                  >
                    {s.title}
                    {state === 'problem' && <span className="sr-only"> (has problems)</span>}
                    {state === 'done' && <span className="sr-only"> (done)</span>}
                  </span>
                  <span className="block truncate text-xs text-slate-500">{s.blurb}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
