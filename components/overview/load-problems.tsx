import type { DumpError } from '@/lib/sources/parse-dump';

/** Errors in the source (file, line, reason) and warnings about the data, if any. */
export function LoadProblems({ errors, warnings }: { errors: DumpError[]; warnings: string[] }) {
  if (errors.length === 0 && warnings.length === 0) return null;
  return (
    <section className="space-y-4">
      {errors.length > 0 && (
        <div className="rounded-lg border border-red-200 bg-white p-4" data-testid="load-errors">
          <h2 className="text-sm font-semibold text-red-800">
            {errors.length === 1 ? 'A problem' : `${errors.length} problems`} reading the source
          </h2>
          <ul className="mt-2 space-y-1 font-mono text-xs text-red-900">
            {errors.map((e, i) => (
              <li key={i}>
                <span className="font-semibold">
                  {e.file}
                  {e.line ? `:${e.line}` : ''}
                </span>{' '}
                {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <details className="rounded-lg border border-amber-200 bg-white p-4" data-testid="warnings">
          <summary className="cursor-pointer text-sm font-semibold text-amber-900">
            {warnings.length === 1 ? '1 note' : `${warnings.length} notes`} about this data
          </summary>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
