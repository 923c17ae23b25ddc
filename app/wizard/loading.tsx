/** Shown while the wizard reads the current data for its pickers. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-6">
      <div className="h-7 w-40 rounded bg-slate-200" />
      <div className="grid grid-cols-5 gap-2">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="h-12 rounded-lg bg-slate-200" />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="h-96 rounded-lg bg-slate-200" />
        <div className="h-64 rounded-lg bg-slate-200" />
      </div>
      <span className="sr-only">Loading the wizard…</span>
    </div>
  );
}
