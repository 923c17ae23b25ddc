import type { Metadata } from 'next';
import Link from 'next/link';
import { SubjectsFilter } from '@/components/subjects/subjects-filter';
import { SubjectsList } from '@/components/subjects/subjects-list';
import { PageHeader } from '@/components/ui/page-header';
import { ProblemMessage } from '@/components/ui/problem-message';
import { QuestionError } from '@/lib/rbac/parse-type';
import { namespacesOf, subjectsOf } from '@/lib/rbac/snapshot-index';
import { filterSubjects, parseSubjectFilter, type SubjectFilter } from '@/lib/rbac/subject-search';
import { getState } from '@/lib/server/snapshot-store';

export const metadata: Metadata = { title: 'Subjects' };

/** Subjects per page. */
const PAGE_SIZE = 100;

type SearchParams = Record<string, string | string[] | undefined>;

function hrefOf(filter: SubjectFilter, offset: number): string {
  const p = new URLSearchParams();
  if (filter.q) p.set('q', filter.q);
  if (filter.kind) p.set('kind', filter.kind);
  if (filter.namespace) p.set('namespace', filter.namespace);
  if (offset > 0) p.set('offset', String(offset));
  const search = p.toString();
  return search ? `/subjects?${search}` : '/subjects';
}

export default async function SubjectsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const sp = await searchParams;
  const { snapshot } = await getState();
  const namespaces = namespacesOf(snapshot);
  let filter: SubjectFilter | undefined;
  let problem: string | undefined;
  try {
    // The page size is the page's own; only the filters come from the URL.
    filter = { ...parseSubjectFilter({ ...sp, limit: undefined }), limit: PAGE_SIZE };
  } catch (err) {
    if (!(err instanceof QuestionError)) throw err;
    problem = err.message;
  }
  const result = filter && filterSubjects(subjectsOf(snapshot), filter);
  const filtered = filter && (filter.q || filter.kind || filter.namespace);
  return (
    <div className="space-y-6">
      <PageHeader title="Subjects">
        Every ServiceAccount, user and group the data mentions, with how many bindings name it. Open
        one for its bindings, roles, Pods and effective permissions.
      </PageHeader>
      <SubjectsFilter key={JSON.stringify(sp)} filter={filter ?? {}} namespaces={namespaces} />
      {problem && <ProblemMessage title="These filters cannot be used" message={problem} />}
      {filter && result && result.total === 0 && (
        <section
          data-testid="subjects-empty"
          className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-center"
        >
          <p className="text-sm text-slate-700">
            {filtered ? 'No subject matches these filters.' : 'This data names no subjects yet.'}
          </p>
          {filtered && (
            <Link
              href="/subjects"
              className="mt-2 inline-block text-sm font-medium text-indigo-700 hover:underline"
            >
              Show all subjects
            </Link>
          )}
        </section>
      )}
      {filter && result && result.total > 0 && (
        <SubjectsList
          subjects={result.subjects}
          total={result.total}
          offset={filter.offset}
          pageSize={PAGE_SIZE}
          pageHref={(offset) => hrefOf(filter, offset)}
        />
      )}
    </div>
  );
}
