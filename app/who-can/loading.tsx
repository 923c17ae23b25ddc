import { QuestionSkeleton } from '@/components/ui/skeletons';

/** Shown while the Who-can page reads the data and answers. */
export default function Loading() {
  return <QuestionSkeleton title="Who can" />;
}
