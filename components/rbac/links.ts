import { subjectKey } from '@/lib/rbac/identity';
import type { Subject } from '@/lib/rbac/types';

/** The page of one subject: `/subjects/ServiceAccount%3Adefault%3Amyapp1`. */
export function subjectHref(subject: Subject | string): string {
  const key = typeof subject === 'string' ? subject : subjectKey(subject);
  return `/subjects/${encodeURIComponent(key)}`;
}

/** How a subject is named on screen: `default/myapp1`, `alice@example.com`. */
export function subjectLabel(subject: Subject): string {
  return subject.kind === 'ServiceAccount'
    ? `${subject.namespace ?? ''}/${subject.name}`
    : subject.name;
}

/**
 * The subject key of a `[key]` route segment. Pages receive the segment still
 * percent-encoded; a value that does not decode is taken as it is.
 */
export function keyFromSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
