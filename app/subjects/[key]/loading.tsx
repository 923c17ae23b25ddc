import { TableSkeleton } from '@/components/ui/skeletons';

/** Shown while a subject's page reads the data and works out its permissions. */
export default function Loading() {
  return <TableSkeleton title="Subject" rows={10} />;
}
