import { TableSkeleton } from '@/components/ui/skeletons';

/** Shown while the Subjects page reads the data. */
export default function Loading() {
  return <TableSkeleton title="Subjects" rows={12} />;
}
