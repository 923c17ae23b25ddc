/** Shown while the graph of the current data is built. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <div className="h-7 w-40 rounded bg-slate-200" />
      <div className="h-10 rounded-lg bg-slate-200" />
      <div className="h-[60vh] rounded-lg bg-slate-200" />
      <span className="sr-only">Building the graph…</span>
    </div>
  );
}
