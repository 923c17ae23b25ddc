import { z } from 'zod';
import { MAX_HIGHLIGHT, MAX_HIGHLIGHT_LIST } from '../rbac/graph-link';
import { DNS_LABEL } from '../rbac/object-names';
import type { SubjectKind } from '../rbac/types';
import type { GraphQuery } from './model';
import { MAX_NAMESPACE_LIST, MAX_NAMESPACES } from './query-string';

const NODE_ID = /^(pod|subject|binding|role|perm|more|ns):\S/;
const NODE_ID_START = /^\s*(pod|subject|binding|role|perm|more|ns):/;

const list = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/**
 * A comma-separated list of node ids. Names may hold commas (`subject:User:CN=alice,OU=eng`):
 * a piece that does not begin with a node id's prefix belongs to the id before it.
 */
function idList(value: string | undefined): string[] {
  const ids: string[] = [];
  for (const piece of value ? value.split(',') : []) {
    if (ids.length === 0 || NODE_ID_START.test(piece)) ids.push(piece.trimStart());
    else ids[ids.length - 1] += `,${piece}`;
  }
  return ids.map((id) => id.trimEnd()).filter(Boolean);
}

/** How each list parameter is split. */
const SPLIT: Record<string, (value: string | undefined) => string[]> = {
  namespace: list,
  kind: list,
  highlight: idList,
};

const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** The parameters of a graph query. */
const QUERY_PARAMS = ['namespace', 'kind', 'focus', 'highlight', 'system', 'all'];

/** What an error says of a bad value of each parameter (a value too long is a bad value). */
const NOT_A: Record<string, string> = {
  namespace: 'is not a namespace name (lower-case letters, digits and dashes, at most 63)',
  kind: 'is not a subject kind (ServiceAccount, User or Group)',
  focus: 'is not a node id (pod:…, subject:…, binding:…, role:…, perm:…, ns:…)',
  highlight: 'is not a node id (pod:…, subject:…, binding:…, role:…, perm:…, ns:…)',
  system: 'is not 1, 0, true or false',
  all: 'is not 1, 0, true or false',
};

/**
 * The query of the Graph page and `GET /api/graph`:
 * `namespace=a,b&kind=ServiceAccount,User&focus=ID&highlight=ID,ID&system=1&all=1`.
 * The messages given here are for whole parameters; `parseGraphQuery` words the others.
 */
export const GraphQuerySchema = z
  .object({
    namespace: z
      .string()
      .max(
        MAX_NAMESPACE_LIST,
        `namespace: the list is longer than ${MAX_NAMESPACE_LIST} characters`,
      )
      .optional()
      .transform(list)
      .pipe(
        z
          .array(z.string().max(63).regex(DNS_LABEL))
          .max(MAX_NAMESPACES, `namespace: more than ${MAX_NAMESPACES} namespaces`),
      ),
    kind: z
      .string()
      .max(100, 'kind: the list is too long')
      .optional()
      .transform((v) => [...new Set(list(v))])
      .pipe(z.array(z.enum(['ServiceAccount', 'User', 'Group']))),
    focus: z.string().max(1000, 'focus: longer than 1000 characters').regex(NODE_ID).optional(),
    highlight: z
      .string()
      .max(
        MAX_HIGHLIGHT_LIST,
        `highlight: the list is longer than ${MAX_HIGHLIGHT_LIST} characters`,
      )
      .optional()
      .transform(idList)
      .pipe(
        z
          .array(z.string().regex(NODE_ID))
          .max(MAX_HIGHLIGHT, `highlight: more than ${MAX_HIGHLIGHT} nodes`),
      ),
    system: flag,
    all: flag,
  })
  .transform((q): GraphQuery => ({
    namespaces: [...new Set(q.namespace)].sort(),
    kinds: q.kind as SubjectKind[],
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
    for (const key of QUERY_PARAMS) {
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
  const messages = parsed.error.issues.map((issue) => {
    const [field, index] = issue.path;
    const name = String(field);
    // A whole parameter (too long, too many) has its message; a bad value is named.
    if (index === undefined && issue.message.startsWith(`${name}:`)) return issue.message;
    const value = typeof index === 'number' ? (SPLIT[name] ?? list)(raw[name])[index] : raw[name];
    const shown = value && value.length > 80 ? `${value.slice(0, 80)}…` : value;
    return `${name}: "${shown}" ${NOT_A[name] ?? 'is not valid'}`;
  });
  return { ok: false, error: [...new Set(messages)].join('; ') };
}

/** The parameters of a graph address: the query's, and the page's renderer. */
const KNOWN = [...QUERY_PARAMS, 'renderer'];

/** Edits (insert, delete, replace) between two short strings. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        row[j]! + 1,
        next[j - 1]! + 1,
        row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length]!;
}

/**
 * The notice for parameters of a graph address that the graph does not use (so ignores), each
 * with the parameter it most likely meant (`namespaces` → `namespace`); undefined when all are
 * known.
 */
export function unknownParamsNotice(keys: Iterable<string>): string | undefined {
  const unknown = [...new Set(keys)].filter((k) => !KNOWN.includes(k));
  if (unknown.length === 0) return undefined;
  const named = unknown.slice(0, 5).map((k) => {
    const shown = k.length > 40 ? `${k.slice(0, 40)}…` : k;
    // One edit away, or two from a longer name (`namepsace`).
    const meant = KNOWN.find(
      (known) => distance(k.toLowerCase(), known) <= (known.length >= 6 ? 2 : 1),
    );
    return meant ? `${shown} (did you mean ${meant}?)` : shown;
  });
  const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
  return unknown.length === 1
    ? `The graph does not use the parameter ${named[0]}; it was ignored.`
    : `The graph does not use the parameters ${named.join(', ')}${more}; they were ignored.`;
}
