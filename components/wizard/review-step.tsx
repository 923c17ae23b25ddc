'use client';

import { useEffect, useMemo, useState } from 'react';
import { encodeDraft } from '@/lib/manifests/draft-url';
import { kubectlCommands } from '@/lib/manifests/kubectl-commands';
import { draftYaml, yamlFileName, type WizardPreview } from '@/lib/manifests/preview-wizard';
import { specWarnings } from '@/lib/manifests/spec-warnings';
import { stepOfPath, type SpecIssue, type WizardSpec } from '@/lib/manifests/wizard-spec';
import type { DryRunResult } from '@/lib/kube/dry-run';
import { EffectView, RiskList } from './effect-view';
import { buttonClass } from '@/components/ui/form-fields';
import type { WizardOptions } from './step-props';

const card = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm';

type Loaded<T> = { key: string; data?: T; error?: string };

async function postJson<T>(url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  const json = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new Error(json.error ?? `the server answered ${res.status}`);
  return json;
}

function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Step 5: the YAML, the commands, and what applying them would change. */
export function ReviewStep({
  spec,
  issues,
  options,
  goTo,
}: {
  spec: WizardSpec;
  issues: SpecIssue[];
  options: WizardOptions;
  goTo: (step: number) => void;
}) {
  const valid = issues.length === 0;
  const key = useMemo(() => encodeDraft(spec), [spec]);
  const fileName = yamlFileName(spec);
  const yaml = useMemo(() => (valid ? draftYaml(spec) : ''), [spec, valid]);
  const commands = useMemo(
    () => (valid ? kubectlCommands(spec, fileName) : undefined),
    [spec, valid, fileName],
  );
  const warnings = useMemo(() => (valid ? specWarnings(spec) : []), [spec, valid]);
  const [preview, setPreview] = useState<Loaded<WizardPreview>>();
  const [dryRun, setDryRun] = useState<Loaded<{ results: DryRunResult[] }> & { busy?: boolean }>();
  const [copied, setCopied] = useState<string>();

  useEffect(() => {
    if (!valid) return;
    const controller = new AbortController();
    postJson<WizardPreview>('/api/wizard/preview', { spec }, controller.signal).then(
      (data) => setPreview({ key, data }),
      (err: Error) => {
        if (err.name !== 'AbortError') setPreview({ key, error: err.message });
      },
    );
    return () => controller.abort();
    // `key` stands for the spec: it changes exactly when the spec does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, valid]);

  if (!valid) {
    return (
      <div className={`${card} border-red-200`} role="alert">
        <h3 className="text-sm font-semibold text-red-800">Fix these first</h3>
        <ul className="mt-2 space-y-1.5 text-sm">
          {issues.map((i) => (
            <li
              key={`${i.path.join('.')}:${i.message}`}
              className="flex flex-wrap items-baseline gap-2"
            >
              <span className="text-slate-800">{i.message}</span>
              <button
                type="button"
                className={buttonClass.quiet}
                onClick={() => goTo(stepOfPath(i.path))}
              >
                Go to step {stepOfPath(i.path) + 1}
              </button>
            </li>
          ))}
        </ul>
      </div>
    );
  }

  const current = preview?.key === key ? preview : undefined;
  const runDryRun = async () => {
    setDryRun({ key, busy: true });
    try {
      setDryRun({
        key,
        data: await postJson<{ results: DryRunResult[] }>('/api/wizard/dry-run', { spec }),
      });
    } catch (err) {
      setDryRun({ key, error: (err as Error).message });
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(yaml);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('The browser refused the clipboard: select the YAML and copy it by hand.');
    }
  };

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div className="min-w-0 space-y-6">
        <section aria-labelledby="effect-title" className={card} data-testid="effect">
          <h3 id="effect-title" className="text-sm font-semibold">
            What it would change
          </h3>
          <p className="mt-0.5 text-xs text-slate-500">
            The engine’s answer over the current data plus these objects. Nothing is applied.
          </p>
          <div className="mt-4" aria-live="polite" aria-busy={!current}>
            {!current && (
              <div className="animate-pulse space-y-2" role="status">
                <div className="h-4 w-2/3 rounded bg-slate-200" />
                <div className="h-4 w-1/2 rounded bg-slate-200" />
                <span className="sr-only">Computing the effect…</span>
              </div>
            )}
            {current?.error && (
              <p role="alert" className="text-sm text-red-800">
                The effect could not be computed: {current.error}
              </p>
            )}
            {current?.data && (
              <EffectView effect={current.data.effect} sourceLabel={options.sourceLabel} />
            )}
          </div>
        </section>

        <section aria-labelledby="risks-title" className={card} data-testid="risks">
          <h3 id="risks-title" className="text-sm font-semibold">
            Risks
          </h3>
          <div className="mt-3 space-y-3">
            {warnings.length > 0 && (
              <ul className="space-y-1.5">
                {warnings.map((w) => (
                  <li
                    key={w.message}
                    data-testid="spec-warning"
                    className={`rounded-md px-3 py-2 text-sm ${w.level === 'warning' ? 'bg-amber-50 text-amber-900' : 'bg-sky-50 text-sky-900'}`}
                  >
                    {w.message}
                  </li>
                ))}
              </ul>
            )}
            {current?.data ? (
              <RiskList risks={current.data.risks} />
            ) : (
              !current?.error && <p className="text-sm text-slate-500">Checking…</p>
            )}
          </div>
        </section>
      </div>

      <div className="min-w-0 space-y-6">
        <section aria-labelledby="yaml-title" className={card}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id="yaml-title" className="text-sm font-semibold">
              YAML <span className="font-mono text-xs font-normal text-slate-500">{fileName}</span>
            </h3>
            <div className="flex gap-2">
              <button type="button" className={buttonClass.secondary} onClick={() => void copy()}>
                Copy
              </button>
              <button
                type="button"
                className={buttonClass.primary}
                onClick={() => download(yaml, fileName)}
              >
                Download YAML
              </button>
            </div>
          </div>
          <p className="mt-1 min-h-4 text-xs text-slate-500" role="status">
            {copied}
          </p>
          <pre
            className="mt-1 max-h-[28rem] overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
            data-testid="yaml"
            tabIndex={0}
            aria-label="The YAML manifests"
          >
            {yaml}
          </pre>
        </section>

        {commands && (
          <section aria-labelledby="commands-title" className={card}>
            <h3 id="commands-title" className="text-sm font-semibold">
              Or imperatively, with kubectl
            </h3>
            <ol className="mt-3 space-y-1.5 rounded-lg bg-slate-100 p-3" data-testid="commands">
              {commands.commands.map((c) => (
                <li key={c}>
                  <code className="block whitespace-pre-wrap break-words font-mono text-xs leading-relaxed text-slate-800">
                    {c}
                  </code>
                </li>
              ))}
            </ol>
            {commands.notes.length > 0 && (
              <ul className="mt-2 list-disc space-y-1 pl-5 text-xs text-slate-600">
                {commands.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
            <p className="mt-2 text-xs text-slate-500">
              Everything at once: <code className="font-mono">{commands.apply}</code>
            </p>
          </section>
        )}

        <section aria-labelledby="dry-run-title" className={card}>
          <h3 id="dry-run-title" className="text-sm font-semibold">
            Check with the API server
          </h3>
          {options.connected ? (
            <>
              <p className="mt-0.5 text-xs text-slate-500">
                A server-side dry run of each object: validation and admission run, nothing is
                stored. It needs the rights a real create needs, which a read-only dashboard does
                not have.
              </p>
              <button
                type="button"
                className={`${buttonClass.secondary} mt-3`}
                disabled={dryRun?.busy}
                onClick={() => void runDryRun()}
              >
                {dryRun?.busy ? 'Validating…' : 'Validate on server'}
              </button>
              {dryRun?.key === key && dryRun.error && (
                <p role="alert" className="mt-2 text-sm text-red-800">
                  {dryRun.error}
                </p>
              )}
              {/* Always present, so a screen reader announces the verdicts when they arrive. */}
              <div aria-live="polite" aria-busy={dryRun?.busy ?? false}>
                {dryRun?.key === key && dryRun.data && (
                  <ul className="mt-3 space-y-2 text-sm" data-testid="dry-run-results">
                    {dryRun.data.results.map((r) => {
                      const verdict = r.ok
                        ? {
                            mark: '✓',
                            word: 'accepted',
                            className: 'bg-emerald-100 text-emerald-800',
                          }
                        : r.unchecked
                          ? {
                              mark: '?',
                              word: `not checked: the dashboard may not create ${r.kind} objects`,
                              className: 'bg-slate-100 text-slate-700',
                            }
                          : { mark: '✗', word: 'rejected', className: 'bg-red-100 text-red-800' };
                      return (
                        <li
                          key={`${r.kind}/${r.namespace}/${r.name}`}
                          className="flex gap-2"
                          data-testid="dry-run-result"
                          data-verdict={r.ok ? 'accepted' : r.unchecked ? 'unchecked' : 'rejected'}
                        >
                          <span
                            className={`mt-0.5 inline-grid h-4 w-4 shrink-0 place-items-center rounded text-xs font-bold ${verdict.className}`}
                            aria-hidden
                          >
                            {verdict.mark}
                          </span>
                          <span className="min-w-0">
                            <span className="font-medium">
                              {r.kind} {r.namespace ? `${r.namespace}/` : ''}
                              {r.name}
                            </span>
                            <span className={r.unchecked ? 'text-xs text-slate-600' : 'sr-only'}>
                              {r.unchecked ? ` — ${verdict.word}` : ` ${verdict.word}`}
                            </span>
                            <span className="block break-words text-xs text-slate-600">
                              {r.message}
                            </span>
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </div>
            </>
          ) : (
            <p className="mt-1 text-sm text-slate-500">
              Connect the dashboard to a cluster to dry-run these objects on its API server. The
              dashboard never applies anything.
            </p>
          )}
        </section>
      </div>
    </div>
  );
}
