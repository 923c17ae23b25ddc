import { z } from 'zod';
import { QuestionError } from './parse-type';
import type { SubjectSummary } from './subjects';

/** The filters of the Subjects page and GET /api/subjects. */
export interface SubjectFilter {
  /** Case-insensitive words, all of which must appear in the subject's name or namespace. */
  q: string;
  kind?: 'ServiceAccount' | 'User' | 'Group';
  /** ServiceAccounts of this namespace only. */
  namespace?: string;
  offset: number;
  limit: number;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optionalText = z.preprocess(
  (v) => (typeof first(v) === 'string' ? (first(v) as string).trim() || undefined : first(v)),
  z.string().max(256, 'a filter is longer than 256 characters').optional(),
);
const count = (param: string, max: number, fallback: number) =>
  z.preprocess(
    (v) => {
      const s = first(v);
      return s === undefined || s === '' ? fallback : Number(s);
    },
    z
      .number(`${param} must be a number`)
      .int(`${param} must be a whole number`)
      .min(0, `${param} cannot be negative`)
      .max(max, `${param} is at most ${max}`),
  );

const filterParams = z.object({
  q: optionalText,
  kind: z.preprocess(
    (v) => first(v) || undefined,
    z
      .enum(['ServiceAccount', 'User', 'Group'], {
        error: 'kind is ServiceAccount, User or Group',
      })
      .optional(),
  ),
  namespace: optionalText,
  offset: count('offset', Number.MAX_SAFE_INTEGER, 0),
  limit: count('limit', MAX_LIMIT, DEFAULT_LIMIT),
});

/** Reads the filters from search parameters; throws QuestionError for bad values. */
export function parseSubjectFilter(
  input: URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>,
): SubjectFilter {
  const raw: Record<string, unknown> =
    input instanceof URLSearchParams ? Object.fromEntries(input) : { ...input };
  const parsed = filterParams.safeParse(raw);
  if (!parsed.success) {
    throw new QuestionError(parsed.error.issues[0]?.message ?? 'the filters are malformed');
  }
  const { q, kind, namespace, offset, limit } = parsed.data;
  const filter: SubjectFilter = { q: q ?? '', offset, limit };
  if (kind) filter.kind = kind;
  if (namespace) filter.namespace = namespace;
  return filter;
}

/** The text a subject is searched by: kind, namespace/name, and the user name of a ServiceAccount. */
function haystack(s: SubjectSummary): string {
  const { kind, namespace, name } = s.subject;
  return (
    kind === 'ServiceAccount'
      ? `serviceaccount ${namespace}/${name} system:serviceaccount:${namespace}:${name}`
      : `${kind} ${name}`
  ).toLowerCase();
}

// A subject list is searched on every keystroke of a picker: its texts are built once per list.
const haystacks = new WeakMap<readonly SubjectSummary[], string[]>();

function haystacksOf(subjects: readonly SubjectSummary[]): string[] {
  let texts = haystacks.get(subjects);
  if (!texts) {
    texts = subjects.map(haystack);
    haystacks.set(subjects, texts);
  }
  return texts;
}

/**
 * The subjects that pass the filters, in the list's order (kind, namespace, name), with the
 * total before paging. Exact and prefix name matches come first, so a picker shows them.
 */
export function filterSubjects(
  subjects: readonly SubjectSummary[],
  f: Pick<SubjectFilter, 'q' | 'kind' | 'namespace'> &
    Partial<Pick<SubjectFilter, 'offset' | 'limit'>>,
): { total: number; subjects: SubjectSummary[] } {
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  const texts = words.length > 0 ? haystacksOf(subjects) : [];
  const matching = subjects.filter(
    (s, i) =>
      (!f.kind || s.subject.kind === f.kind) &&
      (!f.namespace || s.subject.namespace === f.namespace) &&
      (words.length === 0 || words.every((w) => texts[i]!.includes(w))),
  );
  if (words.length === 1) {
    const w = words[0]!;
    const rank = (s: SubjectSummary) => {
      const name = s.subject.name.toLowerCase();
      return name === w ? 0 : name.startsWith(w) ? 1 : 2;
    };
    // A stable sort keeps the list's order within each rank.
    matching.sort((a, b) => rank(a) - rank(b));
  }
  const offset = f.offset ?? 0;
  const limit = f.limit ?? matching.length;
  return { total: matching.length, subjects: matching.slice(offset, offset + limit) };
}
