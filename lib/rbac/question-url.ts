import { isResourceRequest, type RequestAttributes } from './rule-matching';

/**
 * The fields of a question as a form holds them: plain strings, '' when not filled in.
 * `namespace` '' with `allNamespaces` false means "not given" (the default namespace).
 */
export interface QuestionFields {
  as: string;
  /** Comma- or space-separated groups. */
  groups: string;
  verb: string;
  resource: string;
  apiGroup: string;
  subresource: string;
  name: string;
  namespace: string;
  allNamespaces: boolean;
  url: string;
  /** Which kind of request: a resource, or a non-resource URL. */
  mode: 'resource' | 'url';
}

export const EMPTY_FIELDS: QuestionFields = {
  as: '',
  groups: '',
  verb: '',
  resource: '',
  apiGroup: '',
  subresource: '',
  name: '',
  namespace: '',
  allNamespaces: false,
  url: '',
  mode: 'resource',
};

const first = (v: string | readonly string[] | undefined): string =>
  (typeof v === 'string' ? v : v?.[0]) ?? '';
const all = (v: string | readonly string[] | undefined): string[] =>
  v === undefined ? [] : typeof v === 'string' ? [v] : [...v];

/** Form fields from the URL's parameters, as typed (even when they do not parse). */
export function fieldsFromSearch(
  input: Readonly<Record<string, string | readonly string[] | undefined>>,
): QuestionFields {
  const namespace = input.namespace;
  const url = first(input.url);
  return {
    as: first(input.as),
    groups: [...all(input.group), ...all(input['as-group'])].join(', '),
    verb: first(input.verb),
    resource: first(input.resource),
    apiGroup: first(input.apiGroup),
    subresource: first(input.subresource),
    name: first(input.name),
    namespace: first(namespace),
    allNamespaces: namespace !== undefined && first(namespace) === '',
    url,
    mode: url && !first(input.resource) ? 'url' : 'resource',
  };
}

/** Splits a groups field on commas and white space. */
export function splitGroups(groups: string): string[] {
  return groups
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter(Boolean);
}

/**
 * The URL search parameters of a question, in kubectl's words. Empty fields are left out;
 * `deployments.apps` is written as resource=deployments&apiGroup=apps.
 */
export function searchFromFields(
  f: QuestionFields,
  { withSubject }: { withSubject: boolean },
): URLSearchParams {
  const p = new URLSearchParams();
  if (withSubject) {
    if (f.as.trim()) p.set('as', f.as.trim());
    for (const g of splitGroups(f.groups)) p.append('group', g);
  }
  p.set('verb', f.verb.trim());
  if (f.mode === 'url') {
    p.set('url', f.url.trim());
    return p;
  }
  let resource = f.resource.trim();
  let apiGroup = f.apiGroup.trim();
  let subresource = f.subresource.trim();
  // pods/log → resource=pods&subresource=log (a clash is left for the parser to report).
  const slash = resource.indexOf('/');
  if (slash >= 0 && !subresource) {
    subresource = resource.slice(slash + 1);
    resource = resource.slice(0, slash);
  }
  const dot = resource.indexOf('.');
  if (dot >= 0 && !apiGroup) {
    apiGroup = resource.slice(dot + 1);
    resource = resource.slice(0, dot);
  }
  p.set('resource', resource);
  if (apiGroup) p.set('apiGroup', apiGroup);
  if (subresource) p.set('subresource', subresource);
  if (f.name.trim()) p.set('name', f.name.trim());
  if (f.allNamespaces) p.set('namespace', '');
  else if (f.namespace.trim()) p.set('namespace', f.namespace.trim());
  return p;
}

/** The search parameters that ask exactly these request attributes again. */
export function searchFromAttributes(a: RequestAttributes): URLSearchParams {
  const p = new URLSearchParams();
  p.set('verb', a.verb);
  if (!isResourceRequest(a)) {
    p.set('url', a.nonResourceURL);
    return p;
  }
  p.set('resource', a.resource);
  if (a.apiGroup) p.set('apiGroup', a.apiGroup);
  if (a.subresource) p.set('subresource', a.subresource);
  if (a.name) p.set('name', a.name);
  p.set('namespace', a.namespace ?? '');
  return p;
}

/** `/check?as=…&verb=…`: the Check page for a user (and groups) and a request. */
export function checkHref(
  who: { user: string; groups?: readonly string[] },
  a: RequestAttributes,
): string {
  const p = new URLSearchParams();
  if (who.user) p.set('as', who.user);
  for (const g of who.groups ?? []) p.append('group', g);
  for (const [k, v] of searchFromAttributes(a)) p.append(k, v);
  return `/check?${p}`;
}

/** `/who-can?verb=…`: the Who-can page for a request. */
export function whoCanHref(a: RequestAttributes): string {
  return `/who-can?${searchFromAttributes(a)}`;
}
