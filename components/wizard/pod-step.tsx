'use client';

import { useId } from 'react';
import { buildObjects, grantNamespace, type PodObject } from '@/lib/manifests/build-objects';
import { ChoiceCards, TextField } from '@/components/ui/form-fields';
import type { StepProps } from './step-props';

/** Step 4: an optional Pod that runs as the ServiceAccount and lists pods, to try the access. */
export function PodStep({ spec, update, errors }: StepProps) {
  const id = useId();
  const { pod, serviceAccount: sa } = spec;
  const ns = grantNamespace(spec);
  const object = pod.enabled
    ? (buildObjects(spec).find((o) => o.kind === 'Pod') as PodObject | undefined)
    : undefined;
  const script = object?.spec.containers[0]?.command?.[2];
  return (
    <div className="space-y-5">
      <label className="flex items-start gap-2.5 text-sm">
        <input
          type="checkbox"
          checked={pod.enabled}
          onChange={(e) => update((d) => (d.pod.enabled = e.target.checked), 'pod.enabled')}
          className="mt-0.5 accent-indigo-600"
        />
        <span>
          <span className="font-medium text-slate-900">Add a test Pod</span>
          <span className="block text-xs text-slate-500">
            It runs as {sa.namespace}/{sa.name} in {sa.namespace} and lists the pods of{' '}
            {ns || '(no namespace)'} every 30 seconds: a 403 means the binding is missing or in the
            wrong namespace.
          </span>
        </span>
      </label>
      {pod.enabled && (
        <>
          <div className="max-w-md">
            <TextField
              label="Pod name"
              name="pod.name"
              value={pod.name}
              onChange={(v) => update((d) => (d.pod.name = v), 'pod.name')}
              errors={errors('pod.name')}
            />
          </div>
          <ChoiceCards
            legend="How it reaches the API server"
            name="pod-access"
            value={pod.access}
            onChange={(v) => update((d) => (d.pod.access = v), 'pod.access')}
            choices={[
              {
                value: 'proxy',
                label: 'kubectl proxy sidecar',
                description:
                  'The app calls http://127.0.0.1:8001; the sidecar adds the token and checks the CA.',
              },
              {
                value: 'curl',
                label: 'curl with the mounted token',
                description:
                  'One container: curl sends the token and verifies the API server with the mounted CA.',
              },
            ]}
          />
          {script && (
            <div>
              <p id={`${id}-script`} className="text-xs font-medium text-slate-600">
                What the app container runs
              </p>
              <pre
                aria-labelledby={`${id}-script`}
                className="mt-1 overflow-x-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
              >
                {script}
              </pre>
              <p className="mt-1.5 text-xs text-slate-500">
                Read its answers with{' '}
                <code className="rounded bg-slate-100 px-1 font-mono">
                  kubectl logs -n {sa.namespace} {pod.name || 'POD'} -c app
                </code>
                .
              </p>
            </div>
          )}
        </>
      )}
    </div>
  );
}
