import type { Metadata } from 'next';
import { NotYet } from '@/components/ui/not-yet';

export const metadata: Metadata = { title: 'Wizard' };

export default function Page() {
  return (
    <NotYet
      title="Wizard"
      what="Write a ServiceAccount, a Role and a binding for an app, and preview what they grant before applying them."
    />
  );
}
