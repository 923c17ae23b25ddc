/** A page whose feature has not been built yet, saying so plainly. */
export function NotYet({ title, what }: { title: string; what: string }) {
  return (
    <section className="max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-3 text-slate-600">{what}</p>
      <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-500">
        This page is not built yet. The Overview shows the data that is loaded.
      </p>
    </section>
  );
}
