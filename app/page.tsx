import { CountCards } from '@/components/overview/count-cards';
import { LoadProblems } from '@/components/overview/load-problems';
import { RiskSummary } from '@/components/overview/risk-summary';
import { SubjectsTable } from '@/components/overview/subjects-table';
import { countObjects, listSubjects } from '@/lib/rbac/subjects';
import { findingsOf } from '@/lib/server/findings-cache';
import { getState } from '@/lib/server/snapshot-store';

/** How many subjects of each kind the Overview lists before pointing to the Subjects page. */
const SUBJECTS_SHOWN = 200;

export default async function OverviewPage() {
  const { snapshot, authorizer, errors } = await getState();
  const subjects = listSubjects(snapshot);
  return (
    <div className="space-y-10">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="mt-1 text-sm text-slate-600">
          Read from <span className="font-medium">{snapshot.source.name}</span> at{' '}
          <time dateTime={snapshot.source.fetchedAt}>
            {snapshot.source.fetchedAt.replace('T', ' ').slice(0, 19)} UTC
          </time>
          .
        </p>
        <CountCards counts={countObjects(snapshot)} />
      </section>
      <RiskSummary findings={findingsOf(authorizer)} />
      <LoadProblems errors={errors} warnings={[...snapshot.warnings, ...authorizer.warnings]} />
      <SubjectsTable subjects={subjects} limit={SUBJECTS_SHOWN} />
    </div>
  );
}
