import type { Metadata } from 'next';
import { NotYet } from '@/components/ui/not-yet';

export const metadata: Metadata = { title: 'Graph' };

export default function Page() {
  return (
    <NotYet
      title="Graph"
      what="A map of subjects, bindings, roles and the permissions they grant."
    />
  );
}
