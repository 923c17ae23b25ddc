const TONES = {
  info: 'border-sky-200 bg-sky-50 text-sky-900',
  warning: 'border-amber-200 bg-amber-50 text-amber-900',
  error: 'border-red-200 bg-red-50 text-red-900',
} as const;

/** A full-width strip saying where the data comes from, or what went wrong reading it. */
export function SourceBanner({ tone, text }: { tone: keyof typeof TONES; text: string }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid="source-banner"
      className={`border-b ${TONES[tone]}`}
    >
      <p className="mx-auto max-w-7xl px-6 py-2 text-sm font-medium">{text}</p>
    </div>
  );
}
