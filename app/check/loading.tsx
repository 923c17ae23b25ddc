import { QuestionSkeleton } from '@/components/ui/skeletons';

/** Shown while the Check page reads the data and answers. */
export default function Loading() {
  return <QuestionSkeleton title="Check" withSubject />;
}
