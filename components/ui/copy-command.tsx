'use client';

import { useEffect, useState } from 'react';

/** A shell command in a dark block, with a button that copies it. */
export function CopyCommand({ command, testId }: { command: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(command);
      setState('copied');
    } catch {
      // No clipboard (an insecure origin, or permission refused): the text stays selectable.
      setState('failed');
    }
  }
  return (
    <div className="relative rounded-md bg-slate-900">
      <pre
        data-testid={testId}
        className="overflow-x-auto whitespace-pre-wrap wrap-anywhere py-3 pl-4 pr-24 font-mono text-[13px] leading-relaxed text-slate-100"
      >
        <code>{command}</code>
      </pre>
      <button
        type="button"
        onClick={copy}
        className="absolute right-2 top-2 rounded bg-slate-700 px-2.5 py-1 text-xs font-medium text-slate-100 hover:bg-slate-600"
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select to copy' : 'Copy'}
      </button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Copied to the clipboard' : ''}
      </span>
    </div>
  );
}
