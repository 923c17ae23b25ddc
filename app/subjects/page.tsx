import type { Metadata } from 'next';
import { NotYet } from '@/components/ui/not-yet';

export const metadata: Metadata = { title: 'Subjects' };

export default function Page() {
  return (
    <NotYet
      title="Subjects"
      what="Every ServiceAccount, User and Group, with its bindings and effective permissions."
    />
  );
}
