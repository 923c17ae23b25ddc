'use client';

import { useRouter } from 'next/navigation';

/** Drops the uploaded dump and returns to the configured source. */
export function ClearUploadButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      onClick={async () => {
        await fetch('/api/upload', { method: 'DELETE' });
        router.refresh();
      }}
      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
    >
      Clear upload
    </button>
  );
}
