'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DRAFT_PARAM, encodeDraft } from '@/lib/manifests/draft-url';
import {
  defaultSpec,
  stepOfPath,
  validateSpec,
  type WizardSpec,
} from '@/lib/manifests/wizard-spec';
import { AccountStep } from './account-step';
import { BindingStep } from './binding-step';
import { DraftSummary } from './draft-summary';
import { buttonClass } from '@/components/ui/form-fields';
import { PermissionsStep } from './permissions-step';
import { PodStep } from './pod-step';
import { ReviewStep } from './review-step';
import { StepIndicator } from './step-indicator';
import type { StepProps, WizardOptions } from './step-props';
import { WIZARD_STEPS } from './wizard-steps';

const REVIEW = WIZARD_STEPS.length - 1;
/** How long the URL waits for typing to pause before it records the draft. */
const URL_DEBOUNCE_MS = 250;

const STEP_BODIES = [AccountStep, PermissionsStep, BindingStep, PodStep] as const;

/**
 * The manifest wizard: four steps of form and a review. The draft lives in the URL (`draft`,
 * `step`), so a link reopens it; it is replaced, not pushed, so Back leaves the wizard.
 */
export function Wizard({
  initialSpec,
  initialStep,
  fromLink,
  draftError,
  options,
}: {
  initialSpec: WizardSpec;
  initialStep: number;
  /** The draft came from a link: show its problems at once. */
  fromLink: boolean;
  draftError?: string;
  options: WizardOptions;
}) {
  const [spec, setSpec] = useState(initialSpec);
  const [step, setStep] = useState(initialStep);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [attempted, setAttempted] = useState<ReadonlySet<number>>(
    () => new Set(fromLink ? [0, 1, 2, 3] : []),
  );
  const [blocked, setBlocked] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const navigated = useRef(false);
  const issues = useMemo(() => validateSpec(spec), [spec]);

  useEffect(() => {
    const timer = setTimeout(() => {
      const params = new URLSearchParams(window.location.search);
      params.set(DRAFT_PARAM, encodeDraft(spec));
      params.set('step', WIZARD_STEPS[step]!.id);
      const next = `${window.location.pathname}?${params}`;
      // Next.js keeps its router in step with replaceState, without a server round trip.
      if (next !== `${window.location.pathname}${window.location.search}`) {
        window.history.replaceState(null, '', next);
      }
    }, URL_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [spec, step]);

  useEffect(() => {
    if (navigated.current) heading.current?.focus();
  }, [step]);

  useEffect(() => {
    if (blocked) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [blocked]);

  const update = useCallback<StepProps['update']>((edit, field) => {
    setSpec((prev) => {
      const next = structuredClone(prev);
      edit(next);
      return next;
    });
    setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
  }, []);

  const shown = useCallback(
    (key: string) =>
      attempted.has(stepOfPath(key.split('.'))) ||
      [...touched].some((t) => key === t || key.startsWith(`${t}.`) || t.startsWith(`${key}.`)),
    [attempted, touched],
  );

  const errors = useCallback(
    (field: string) =>
      issues
        .filter((i) => {
          const key = i.path.join('.');
          const own =
            key === field ||
            (key.startsWith(`${field}.`) && /^\d+$/.test(key.slice(field.length + 1)));
          return own && shown(key);
        })
        .map((i) => i.message),
    [issues, shown],
  );

  const stepIssues = (s: number) => issues.filter((i) => stepOfPath(i.path) === s);
  const problems = WIZARD_STEPS.map(
    (_, s) => s < REVIEW && stepIssues(s).some((i) => shown(i.path.join('.'))),
  );
  const canGo = (target: number) =>
    target <= step || issues.every((i) => stepOfPath(i.path) >= target);

  const go = (target: number) => {
    navigated.current = true;
    setStep(Math.max(0, Math.min(REVIEW, target)));
  };
  const next = () => {
    if (stepIssues(step).length > 0) {
      setAttempted((a) => new Set(a).add(step));
      setBlocked((n) => n + 1);
      return;
    }
    go(step + 1);
  };

  const info = WIZARD_STEPS[step]!;
  const Body = step < REVIEW ? STEP_BODIES[step] : undefined;
  const blocking = attempted.has(step) ? stepIssues(step).length : 0;

  return (
    <div className="space-y-6">
      {draftError && (
        <p
          role="alert"
          className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
        >
          {draftError} The wizard starts from the seed story instead.
        </p>
      )}
      <StepIndicator
        steps={WIZARD_STEPS}
        current={step}
        problems={problems}
        canGo={canGo}
        onGo={go}
      />

      {Body ? (
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <form
            ref={form}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              next();
            }}
            className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
            aria-labelledby="wizard-step-title"
          >
            <h2
              id="wizard-step-title"
              ref={heading}
              tabIndex={-1}
              className="text-lg font-semibold tracking-tight focus:outline-none"
              data-testid="wizard-step-heading"
            >
              <span className="text-slate-400">{step + 1}.</span> {info.title}
            </h2>
            <div className="mt-4">
              <Body spec={spec} update={update} errors={errors} options={options} />
            </div>
            <div className="mt-8 flex items-center justify-between gap-3 border-t border-slate-100 pt-4">
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={() => go(step - 1)}
                disabled={step === 0}
              >
                Back
              </button>
              <p role="alert" className="text-sm text-red-700">
                {blocking > 0 &&
                  `${blocking === 1 ? 'One problem' : `${blocking} problems`} in this step: fix ${blocking === 1 ? 'it' : 'them'} to continue.`}
              </p>
              <button type="submit" className={buttonClass.primary}>
                Next
              </button>
            </div>
          </form>
          <DraftSummary spec={spec} problems={problems} />
        </div>
      ) : (
        <div>
          <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
            <h2
              id="wizard-step-title"
              ref={heading}
              tabIndex={-1}
              className="text-lg font-semibold tracking-tight focus:outline-none"
              data-testid="wizard-step-heading"
            >
              <span className="text-slate-400">{step + 1}.</span> {info.title}
            </h2>
            <div className="flex gap-2">
              <button type="button" className={buttonClass.secondary} onClick={() => go(step - 1)}>
                Back
              </button>
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={() => {
                  setSpec(defaultSpec());
                  setTouched(new Set());
                  setAttempted(new Set());
                  go(0);
                }}
              >
                Start over
              </button>
            </div>
          </div>
          <ReviewStep spec={spec} issues={issues} options={options} goTo={go} />
        </div>
      )}

      <datalist id="wizard-namespaces">
        {options.namespaces.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <datalist id="wizard-api-groups">
        {[...new Set(options.resources.map((r) => r.group))]
          .filter((g) => g !== '')
          .map((g) => (
            <option key={g} value={g} />
          ))}
      </datalist>
    </div>
  );
}
