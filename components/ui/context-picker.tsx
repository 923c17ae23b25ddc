'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';

/** Switches the dashboard to another context of the kubeconfig. */
export function ContextPicker({ contexts, current }: { contexts: string[]; current: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  // While the server asks the chosen context (up to a few seconds when it does not answer).
  const [asking, setAsking] = useState(false);

  async function choose(select: HTMLSelectElement) {
    const context = select.value;
    setError(undefined);
    setAsking(true);
    try {
      const res = await fetch('/api/context', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ context }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        throw new Error(body.error ?? `HTTP ${res.status}`);
      }
      startTransition(() => router.refresh());
    } catch (err) {
      // Not switched: the picker names the context still shown.
      select.value = current;
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setAsking(false);
    }
  }

  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span className="sr-only">Kubeconfig context</span>
      <select
        data-testid="context-picker"
        className="rounded-md border border-slate-300 bg-white px-2 py-1 font-medium text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500"
        defaultValue={current}
        disabled={pending || asking}
        aria-busy={pending || asking}
        onChange={(e) => void choose(e.currentTarget)}
      >
        {contexts.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      {error && (
        <span role="alert" data-testid="context-error" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </label>
  );
}
