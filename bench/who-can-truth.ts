import 'server-only';
import type { KubeClient } from '../lib/kube/kube-client';
import { subjectAccessReview } from '../lib/kube/subject-access-review';
import { parseSubjectKey, subjectKey, type Identity } from '../lib/rbac/identity';
import type { RequestAttributes } from '../lib/rbac/rule-matching';
import type { RbacSnapshot } from '../lib/rbac/types';

/** A user name no binding names: a Group is asked about with it, so only the group counts. */
const NOBODY = 'rbac-explorer-bench:nobody';

/**
 * A binding subject exactly as named, without the groups a real request would add: "who can"
 * asks which subjects the bindings grant, so a ServiceAccount must not borrow its groups'
 * grants (those groups are answers of their own).
 */
export function bareIdentity(key: string): Identity {
  const s = parseSubjectKey(key);
  if (!s) throw new Error(`not a subject key: ${key}`);
  if (s.kind === 'ServiceAccount')
    return { user: `system:serviceaccount:${s.namespace}:${s.name}`, groups: [] };
  if (s.kind === 'User') return { user: s.name, groups: [] };
  return { user: NOBODY, groups: [s.name] };
}

/**
 * Every subject that could be granted something in a namespace: those of its RoleBindings and
 * of every ClusterRoleBinding.
 */
export function candidateSubjects(snapshot: RbacSnapshot, namespace: string): Set<string> {
  const keys = new Set<string>();
  const bindings = [
    ...snapshot.roleBindings.filter((b) => b.namespace === namespace),
    ...snapshot.clusterRoleBindings,
  ];
  for (const b of bindings) for (const s of b.subjects) keys.add(subjectKey(s));
  return keys;
}

/** The subjects among `candidates` that SubjectAccessReview allows, asked `concurrency` at a time. */
export async function allowedByApiServer(
  admin: KubeClient,
  candidates: Iterable<string>,
  attributes: RequestAttributes,
  concurrency = 16,
): Promise<Set<string>> {
  const keys = [...candidates];
  const allowed = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!;
      const verdict = await subjectAccessReview(admin, bareIdentity(key), attributes, 30_000);
      if (verdict.allowed) allowed.add(key);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return allowed;
}

/** What one answer set gets wrong against the truth. */
export interface Difference {
  missing: string[];
  extra: string[];
}

export function difference(answer: Set<string>, truth: Set<string>): Difference {
  return {
    missing: [...truth].filter((k) => !answer.has(k)).sort(),
    extra: [...answer].filter((k) => !truth.has(k)).sort(),
  };
}
