import type { GraphQuery } from './model';

// Apart from the parser (graph-query.ts), which brings zod: the Graph page's browser code needs
// only this.

/**
 * The most namespaces a view's address may name, and the most characters their list may take:
 * the address must fit in a request line (the server reads at most 16 KiB of headers).
 */
export const MAX_NAMESPACES = 1000;
export const MAX_NAMESPACE_LIST = 8000;

/** Whether a list of namespaces fits in a view's address. */
export const namespacesFit = (namespaces: string[]) =>
  namespaces.length <= MAX_NAMESPACES && namespaces.join(',').length <= MAX_NAMESPACE_LIST;

/** The URL search string of a query (without `?`), in a stable order; empty for the default view. */
export function graphQueryString(q: Partial<GraphQuery>): string {
  const parts: string[] = [];
  const enc = (s: string) => encodeURIComponent(s).replace(/%2C/g, ',').replace(/%3A/g, ':');
  if (q.namespaces?.length) parts.push(`namespace=${q.namespaces.map(enc).join(',')}`);
  if (q.kinds?.length) parts.push(`kind=${q.kinds.join(',')}`);
  if (q.focus) parts.push(`focus=${enc(q.focus)}`);
  if (q.highlight?.length) parts.push(`highlight=${q.highlight.map(enc).join(',')}`);
  if (q.system) parts.push('system=1');
  if (q.all) parts.push('all=1');
  return parts.join('&');
}
