/** Placeholders in the shape of the page that is loading, so nothing jumps when it arrives. */

function Bar({ className }: { className: string }) {
  return <div className={`rounded bg-slate-200 ${className}`} />;
}

export function QuestionSkeleton({ title, withSubject }: { title: string; withSubject?: boolean }) {
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <Bar className="mt-2 h-4 w-96 animate-pulse" />
      </div>
      <div className="animate-pulse space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        {withSubject && <Bar className="h-9 w-2/3" />}
        <div className="grid grid-cols-6 gap-4">
          {Array.from({ length: 6 }, (_, i) => (
            <Bar key={i} className="h-9" />
          ))}
        </div>
        <Bar className="h-9 w-24" />
      </div>
      <div className="h-24 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}

export function TableSkeleton({ title, rows = 8 }: { title: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div className="animate-pulse rounded-lg border border-slate-200 bg-white p-5">
        <Bar className="h-9 w-full" />
        <div className="mt-5 space-y-3">
          {Array.from({ length: rows }, (_, i) => (
            <Bar key={i} className="h-5" />
          ))}
        </div>
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
