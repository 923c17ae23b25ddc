import { checkHref, whoCanHref } from './question-url';
import type { RequestAttributes } from './rule-matching';
import type { SubjectSummary } from './subjects';
import { isSystemSubject } from './system-subjects';

export interface QuestionExample {
  label: string;
  href: string;
}

const listPods = (namespace: string): RequestAttributes => ({
  verb: 'list',
  resource: 'pods',
  apiGroup: '',
  namespace,
});

/**
 * Questions to start from, taken from the data: ServiceAccounts that are bound or run Pods,
 * and people, asked whether they can list the Pods of their namespace (or of default).
 */
export function checkExamples(subjects: readonly SubjectSummary[], max = 5): QuestionExample[] {
  const out: QuestionExample[] = [];
  const candidates = subjects.filter(
    (s) =>
      !isSystemSubject(s.subject) &&
      s.subject.kind !== 'Group' &&
      (s.bindings > 0 || (s.pods ?? 0) > 0),
  );
  // The ServiceAccounts with Pods first: those are the ones whose requests happen.
  candidates.sort((a, b) => Number((b.pods ?? 0) > 0) - Number((a.pods ?? 0) > 0));
  for (const s of candidates.slice(0, max)) {
    const { kind, namespace, name } = s.subject;
    const ns = namespace ?? 'default';
    const user = kind === 'ServiceAccount' ? `system:serviceaccount:${ns}:${name}` : name;
    const who = kind === 'ServiceAccount' ? `${ns}/${name}` : name;
    out.push({ label: `Can ${who} list pods in ${ns}?`, href: checkHref({ user }, listPods(ns)) });
  }
  return out;
}

/** Who-can questions to start from: Pods, Secrets and exec in the namespaces of the data. */
export function whoCanExamples(namespaces: readonly string[]): QuestionExample[] {
  const ns = namespaces.includes('default') ? 'default' : (namespaces[0] ?? 'default');
  const questions: [string, RequestAttributes][] = [
    [`Who can list pods in ${ns}?`, listPods(ns)],
    [
      `Who can read secrets in ${ns}?`,
      { verb: 'get', resource: 'secrets', apiGroup: '', namespace: ns },
    ],
    [
      `Who can exec into pods in ${ns}?`,
      { verb: 'create', resource: 'pods', subresource: 'exec', apiGroup: '', namespace: ns },
    ],
    [
      'Who can create ClusterRoleBindings?',
      {
        verb: 'create',
        resource: 'clusterrolebindings',
        apiGroup: 'rbac.authorization.k8s.io',
        namespace: '',
      },
    ],
    ['Who can get /metrics?', { verb: 'get', nonResourceURL: '/metrics' }],
  ];
  return questions.map(([label, a]) => ({ label, href: whoCanHref(a) }));
}
