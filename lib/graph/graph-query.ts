import { z } from 'zod';
import type { SubjectKind } from '../rbac/types';
import type { GraphQuery } from './model';

/** A namespace name (a DNS label). */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NODE_ID = /^(pod|subject|binding|role|perm|more|ns):\S/;

const list = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/**
 * The query of the Graph page and `GET /api/graph`:
 * `namespace=a,b&kind=ServiceAccount,User&focus=ID&highlight=ID,ID&system=1&all=1`.
 */
export const GraphQuerySchema = z
  .object({
    namespace: z
      .string()
      .max(20_000)
      .optional()
      .transform(list)
      .pipe(
        z
          .array(
            z
              .string()
              .max(63)
              .regex(NAMESPACE, 'namespace: not a namespace name (lowercase letters, digits, -)'),
          )
          .max(1000),
      ),
    kind: z
      .string()
      .max(100)
      .optional()
      .transform(list)
      .pipe(z.array(z.enum(['ServiceAccount', 'User', 'Group'])).max(3)),
    focus: z
      .string()
      .max(1000)
      .regex(NODE_ID, 'focus: not a node id (pod:…, subject:…, binding:…, role:…, perm:…, ns:…)')
      .optional(),
    highlight: z
      .string()
      .max(5000)
      .optional()
      .transform(list)
      .pipe(z.array(z.string().regex(NODE_ID, 'highlight: not a list of node ids')).max(50)),
    system: flag,
    all: flag,
  })
  .transform((q): GraphQuery => ({
    namespaces: [...new Set(q.namespace)].sort(),
    kinds: [...new Set(q.kind)] as SubjectKind[],
    ...(q.focus ? { focus: q.focus } : {}),
    highlight: q.highlight,
    system: q.system,
    all: q.all,
  }));

export type ParsedQuery = { ok: true; query: GraphQuery } | { ok: false; error: string };

/** Parses URL search parameters (the first value of each) into a query, or says what is wrong. */
export function parseGraphQuery(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): ParsedQuery {
  const raw: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const key of ['namespace', 'kind', 'focus', 'highlight', 'system', 'all']) {
      const v = params.get(key);
      if (v !== null) raw[key] = v;
    }
  } else {
    for (const [key, v] of Object.entries(params)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (first !== undefined) raw[key] = first;
    }
  }
  const parsed = GraphQuerySchema.safeParse(raw);
  if (parsed.success) return { ok: true, query: parsed.data };
  return {
    ok: false,
    error: parsed.error.issues.map((i) => i.message).join('; '),
  };
}
