'use client';

/** The one error boundary: what went wrong in words, and a retry. */
export default function Error({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section role="alert" className="max-w-2xl rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-red-800">This page could not be shown</h1>
      <p className="mt-2 text-sm text-slate-700">
        {error.digest
          ? 'The server hit an unexpected error; its log has the details.'
          : error.message}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
      >
        Try again
      </button>
    </section>
  );
}
