import type { GraphQuery } from './model';

// Apart from the parser (graph-query.ts), which brings zod: the Graph page's browser code needs
// only this.

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
