import type { Metadata } from 'next';
import { QuestionExamples } from '@/components/check/question-examples';
import { QuestionForm } from '@/components/check/question-form';
import { resourceChoices } from '@/components/check/resource-choices';
import { PageHeader } from '@/components/ui/page-header';
import { ProblemMessage } from '@/components/ui/problem-message';
import { WhoCanResults } from '@/components/who-can/who-can-results';
import { whoCanExamples } from '@/lib/rbac/question-examples';
import { attempt, parseWhoCanQuestion } from '@/lib/rbac/question-params';
import { fieldsFromSearch } from '@/lib/rbac/question-url';
import { namespacesOf } from '@/lib/rbac/snapshot-index';
import { groupWhoCan } from '@/lib/rbac/who-can-groups';
import { getResourceOptions } from '@/lib/server/resource-options';
import { getState } from '@/lib/server/snapshot-store';

export const metadata: Metadata = { title: 'Who can' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function WhoCanPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const sp = await searchParams;
  const [{ snapshot, authorizer }, options] = await Promise.all([getState(), getResourceOptions()]);
  const namespaces = namespacesOf(snapshot);
  let answer: React.ReactNode;
  if (sp.verb === undefined && sp.resource === undefined && sp.url === undefined) {
    answer = (
      <QuestionExamples
        intro="Ask who may do something: every ServiceAccount, user and group that a binding allows, each with the binding, role and rule — and, under a group, the ServiceAccounts it covers."
        examples={whoCanExamples(namespaces)}
      />
    );
  } else {
    const parsed = attempt(() => parseWhoCanQuestion(sp, options.resources));
    if (parsed.ok) {
      const result = authorizer.whoCan(parsed.value);
      answer = (
        <WhoCanResults
          request={parsed.value}
          groups={groupWhoCan(snapshot, result)}
          bypassGroups={result.bypassGroups}
        />
      );
    } else {
      answer = <ProblemMessage title="This question cannot be asked" message={parsed.problem} />;
    }
  }
  return (
    <div className="space-y-6">
      <PageHeader title="Who can">
        Everyone RBAC allows to do something, and through which binding, role and rule.
      </PageHeader>
      <QuestionForm
        key={JSON.stringify(sp)}
        page="who-can"
        initial={fieldsFromSearch(sp)}
        verbs={options.verbs}
        resources={resourceChoices(options.resources)}
        namespaces={namespaces}
        from={options.from}
      />
      {answer}
    </div>
  );
}
