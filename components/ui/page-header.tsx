/** A page's title and the one sentence that says what it answers. */
export function PageHeader({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <header>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{children}</p>
    </header>
  );
}
