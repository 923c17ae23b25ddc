const TONES = {
  slate: 'bg-slate-100 text-slate-700',
  indigo: 'bg-indigo-50 text-indigo-700 ring-1 ring-inset ring-indigo-200',
  amber: 'bg-amber-100 text-amber-900',
  red: 'bg-red-50 text-red-800 ring-1 ring-inset ring-red-200',
  violet: 'bg-violet-50 text-violet-800',
  green: 'bg-green-50 text-green-800 ring-1 ring-inset ring-green-200',
} as const;

/** A small label: a kind, a scope, a warning. */
export function Badge({
  tone = 'slate',
  children,
  title,
}: {
  tone?: keyof typeof TONES;
  children: React.ReactNode;
  title?: string;
}) {
  return (
    <span
      title={title}
      className={`inline-flex items-center whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}
