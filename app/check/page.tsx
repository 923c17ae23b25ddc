import type { Metadata } from 'next';
import { NotYet } from '@/components/ui/not-yet';

export const metadata: Metadata = { title: 'Check' };

export default function Page() {
  return (
    <NotYet
      title="Check"
      what="Ask whether a subject can do something, and see every reason why or why not."
    />
  );
}
