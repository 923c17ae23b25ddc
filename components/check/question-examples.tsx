import Link from 'next/link';

export interface Example {
  label: string;
  href: string;
}

/** What an empty Check or Who-can page shows: what it answers and questions to start from. */
export function QuestionExamples({ intro, examples }: { intro: string; examples: Example[] }) {
  return (
    <section
      data-testid="examples"
      aria-label="Examples"
      className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-5"
    >
      <p className="text-sm text-slate-700">{intro}</p>
      {examples.length > 0 ? (
        <>
          <h2 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Try one from this data
          </h2>
          <ul className="mt-2 space-y-1.5">
            {examples.map((e) => (
              <li key={e.href}>
                <Link href={e.href} className="text-sm font-medium text-indigo-700 hover:underline">
                  {e.label}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-3 text-sm text-slate-500">
          This data has no bindings yet, so every answer would be no.
        </p>
      )}
    </section>
  );
}
