import type { Severity } from '@/lib/findings/risk-checks';

const STYLES: Record<Severity, string> = {
  critical: 'bg-red-600 text-white',
  high: 'bg-orange-500 text-white',
  medium: 'bg-amber-200 text-amber-950',
  low: 'bg-slate-200 text-slate-700',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span
      className={`inline-block w-16 rounded px-1.5 py-0.5 text-center text-xs font-semibold uppercase tracking-wide ${STYLES[severity]}`}
    >
      {severity}
    </span>
  );
}
