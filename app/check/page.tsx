import type { Metadata } from 'next';
import { CheckAnswerView } from '@/components/check/check-answer-view';
import { QuestionExamples } from '@/components/check/question-examples';
import { QuestionForm } from '@/components/check/question-form';
import { resourceChoices } from '@/components/check/resource-choices';
import { PageHeader } from '@/components/ui/page-header';
import { ProblemMessage } from '@/components/ui/problem-message';
import { askerOf } from '@/lib/rbac/check-answer';
import { subjectKey } from '@/lib/rbac/identity';
import { checkExamples } from '@/lib/rbac/question-examples';
import { attempt, parseCheckQuestion, readQuestionParams } from '@/lib/rbac/question-params';
import { fieldsFromSearch } from '@/lib/rbac/question-url';
import { findSubject, namespacesOf, subjectsOf } from '@/lib/rbac/snapshot-index';
import { getResourceOptions } from '@/lib/server/resource-options';
import { getState } from '@/lib/server/snapshot-store';
import { checkWithReferee } from './check-with-referee';

export const metadata: Metadata = { title: 'Check' };

type SearchParams = Record<string, string | string[] | undefined>;

/** Whether the URL asks about a request at all (a subject alone only fills in the form). */
function asksRequest(sp: SearchParams): boolean {
  return sp.verb !== undefined || sp.resource !== undefined || sp.url !== undefined;
}

export default async function CheckPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const [{ snapshot, authorizer }, options] = await Promise.all([getState(), getResourceOptions()]);
  let answer: React.ReactNode;
  if (!asksRequest(sp)) {
    const read = attempt(() => readQuestionParams(sp));
    answer = read.ok ? (
      <QuestionExamples
        intro="Ask whether a user, ServiceAccount or group may do something: the answer comes with every binding, role and rule that allows it — or, for a no, what comes close."
        examples={checkExamples(subjectsOf(snapshot))}
      />
    ) : (
      <ProblemMessage title="This question cannot be asked" message={read.problem} />
    );
  } else {
    const parsed = attempt(() => parseCheckQuestion(sp, options.resources));
    if (parsed.ok) {
      const question = parsed.value;
      const result = await checkWithReferee(authorizer, question);
      const asker = askerOf(question);
      answer = (
        <CheckAnswerView
          result={result}
          user={question.user}
          groups={question.groups}
          askerKnown={asker !== undefined && findSubject(snapshot, subjectKey(asker)) !== undefined}
        />
      );
    } else {
      answer = <ProblemMessage title="This question cannot be asked" message={parsed.problem} />;
    }
  }
  // The form is keyed by the question, so back and forward show the question they return to.
  const formKey = JSON.stringify(sp);
  return (
    <div className="space-y-6">
      <PageHeader title="Check">
        Can a subject do something? Yes or no, with every reason — the way the API server&apos;s
        RBAC authorizer decides.
      </PageHeader>
      <QuestionForm
        key={formKey}
        page="check"
        initial={fieldsFromSearch(sp)}
        verbs={options.verbs}
        resources={resourceChoices(options.resources)}
        namespaces={namespacesOf(snapshot)}
        from={options.from}
      />
      {answer}
    </div>
  );
}
