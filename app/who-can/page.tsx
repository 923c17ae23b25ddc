import type { Metadata } from 'next';
import { NotYet } from '@/components/ui/not-yet';

export const metadata: Metadata = { title: 'Who can' };

export default function Page() {
  return (
    <NotYet
      title="Who can"
      what="Find every subject that can do something, with the bindings that allow it."
    />
  );
}
