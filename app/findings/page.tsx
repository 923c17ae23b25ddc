import type { Metadata } from 'next';
import { NotYet } from '@/components/ui/not-yet';

export const metadata: Metadata = { title: 'Findings' };

export default function Page() {
  return (
    <NotYet
      title="Findings"
      what="Risky grants: wildcards, secrets, escalate, bind and impersonate, pods/exec and more."
    />
  );
}
