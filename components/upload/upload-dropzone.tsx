'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';

interface UploadError {
  text: string;
}

interface UploadResult {
  error?: string;
  objects?: number;
  errors?: UploadError[];
  source?: { name: string };
}

/** Drag and drop (or pick) YAML/JSON dumps; the dashboard then explores them like a cluster. */
export function UploadDropzone({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<UploadResult>();

  async function send(files: File[]) {
    if (files.length === 0) return;
    const total = files.reduce((n, f) => n + f.size, 0);
    if (total > maxBytes) {
      // Rounded up, so a total just over the limit never reads as the limit itself.
      const mb = Math.ceil((total * 10) / 1024 / 1024) / 10;
      setResult({
        error: `These files add up to ${mb} MB (${total.toLocaleString('en-US')} bytes), over the ${maxBytes / 1024 / 1024} MB limit. Each upload replaces the previous one, so everything must fit in one: dump only the RBAC kinds, with kubectl get serviceaccounts,roles,rolebindings,clusterroles,clusterrolebindings -A -o yaml`,
      });
      return;
    }
    setBusy(true);
    setResult(undefined);
    const body = new FormData();
    for (const f of files) body.append('files', f, f.name);
    try {
      const res = await fetch('/api/upload', { method: 'POST', body });
      const json = (await res.json()) as UploadResult;
      setResult(json);
      if (res.ok) router.refresh();
    } catch {
      setResult({ error: 'The server could not be reached.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <div
        role="button"
        tabIndex={0}
        data-testid="dropzone"
        aria-describedby="dropzone-help"
        onClick={() => input.current?.click()}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void send([...e.dataTransfer.files]);
        }}
        className={`flex h-48 cursor-pointer flex-col items-center justify-center rounded-xl border-2 border-dashed text-center transition-colors focus-visible:outline-2 focus-visible:outline-indigo-500 ${
          over
            ? 'border-indigo-500 bg-indigo-50'
            : 'border-slate-300 bg-white hover:border-indigo-400'
        }`}
      >
        <p className="text-base font-medium text-slate-800">
          {busy ? 'Reading…' : 'Drop YAML or JSON dumps here'}
        </p>
        <p id="dropzone-help" className="mt-1 text-sm text-slate-500">
          or click to choose files · multi-document YAML, <code>kind: List</code>,{' '}
          <code>kubectl get -o yaml|json</code> · up to {maxBytes / 1024 / 1024} MB
        </p>
        <input
          ref={input}
          type="file"
          multiple
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
          className="sr-only"
          data-testid="file-input"
          onChange={(e) => void send([...(e.target.files ?? [])])}
        />
      </div>
      {result && (
        <div
          role={result.error ? 'alert' : 'status'}
          data-testid="upload-result"
          className={`rounded-lg border p-4 text-sm ${result.error ? 'border-red-200 bg-red-50 text-red-900' : 'border-emerald-200 bg-emerald-50 text-emerald-900'}`}
        >
          {result.error ? (
            <p className="font-medium">{result.error}</p>
          ) : (
            <p className="font-medium">
              Loaded {result.objects} objects from {result.source?.name}. Every page now shows this
              upload.
            </p>
          )}
          {result.errors && result.errors.length > 0 && (
            <ul
              className="mt-2 space-y-1 font-mono text-xs text-red-900"
              data-testid="upload-errors"
            >
              {result.errors.map((e, i) => (
                <li key={i}>{e.text}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
