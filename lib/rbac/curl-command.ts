import {
  isResourceRequest,
  type RequestAttributes,
  type ResourceAttributes,
} from './rule-matching';

/** Where a Pod finds its ServiceAccount's credentials. */
export const SA_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
/**
 * How a Pod reaches the API server: its service's DNS name, which the API server's certificate
 * names. Unlike https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT, it needs no brackets
 * for an IPv6 address.
 */
export const IN_CLUSTER_API = 'https://kubernetes.default.svc';

/**
 * The version to call each API group at. Most groups serve v1; the ones listed here are the
 * common exceptions. Unknown groups are called at v1.
 */
const GROUP_VERSIONS: Readonly<Record<string, string>> = {
  '': 'v1',
  autoscaling: 'v2',
  'metrics.k8s.io': 'v1beta1',
  'custom.metrics.k8s.io': 'v1beta2',
  'external.metrics.k8s.io': 'v1beta1',
};

export function apiVersionOf(group: string): string {
  return GROUP_VERSIONS[group] ?? 'v1';
}

/** A path segment, percent-encoded so that it needs no quoting inside double quotes. */
const segment = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * What a request that carries no name means for a question that names one: the API server
 * asks RBAC without the name, so a rule restricted to resourceNames does not allow it.
 */
const noName = (verb: string, name: string) =>
  `A ${verb} request carries no name: the API server asks whether ${verb} is allowed without one, so a rule that allows it only for ${name} (resourceNames) does not let this request through.`;

/** Stands in for an object's name when the question names none but the request needs one. */
export const NAME_PLACEHOLDER = 'NAME';

/**
 * The REST path of a resource request: `/api/v1/namespaces/default/pods`,
 * `/apis/apps/v1/namespaces/team-a/deployments/web/scale`, `/api/v1/nodes`.
 * `name` overrides the request's name (for requests that need one).
 */
export function restPath(a: ResourceAttributes, name = a.name): string {
  const group = a.apiGroup ?? '';
  const version = apiVersionOf(group);
  const parts = group === '' ? ['api', version] : ['apis', group, version];
  // A namespace itself (/api/v1/namespaces/NAME) is asked in its own namespace: no prefix.
  const namespaceItself = group === '' && a.resource === 'namespaces';
  if (a.namespace && !namespaceItself) parts.push('namespaces', a.namespace);
  parts.push(a.resource);
  if (name) parts.push(name);
  if (a.subresource) parts.push(a.subresource);
  return `/${parts.map(segment).join('/')}`;
}

export interface CurlCommand {
  command: string;
  method: string;
  /** The path and query, without the host. */
  path: string;
  notes: string[];
}

const STREAMING = new Set(['exec', 'attach', 'portforward']);

/**
 * The curl command a Pod running as a ServiceAccount would use to make this request with its
 * mounted token and CA. Undefined for verbs that are not one HTTP request (bind, escalate,
 * impersonate, use…) and for wildcards, which name no single request.
 */
export function podCurlCommand(a: RequestAttributes): CurlCommand | undefined {
  const notes: string[] = [];
  let method: string;
  let path: string;
  let body: string | undefined;
  if (!isResourceRequest(a)) {
    if (a.nonResourceURL.includes('*')) return undefined;
    method = a.verb.toUpperCase();
    if (!/^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(method)) return undefined;
    path = a.nonResourceURL
      .split('/')
      .map((s) => (s ? segment(s) : s))
      .join('/');
  } else {
    if (a.resource === '*' || a.apiGroup === '*' || a.verb === '*') return undefined;
    const one = (why: string) => {
      if (a.name) return restPath(a);
      notes.push(`${NAME_PLACEHOLDER} stands for the name of ${why}.`);
      return restPath(a, NAME_PLACEHOLDER);
    };
    const collection = () => (a.subresource ? one('the object') : restPath(a, ''));
    // A list or watch of one object names it with a field selector.
    const nameSelector =
      a.name && !a.subresource ? `fieldSelector=${segment(`metadata.name=${a.name}`)}` : undefined;
    switch (a.verb) {
      case 'get':
        method = 'GET';
        path = one(`the object to get (a get without a name is a list)`);
        break;
      case 'list':
        method = 'GET';
        path = nameSelector ? `${collection()}?${nameSelector}` : collection();
        break;
      case 'watch':
        method = 'GET';
        path = `${collection()}?watch=true${nameSelector ? `&${nameSelector}` : ''}`;
        break;
      case 'create':
        method = 'POST';
        path = collection();
        body = 'application/json';
        if (a.name && !a.subresource) notes.push(noName('create', a.name));
        break;
      case 'update':
        method = 'PUT';
        path = one('the object to replace');
        body = 'application/json';
        break;
      case 'patch':
        method = 'PATCH';
        path = one('the object to patch');
        body = 'application/merge-patch+json';
        break;
      case 'delete':
        method = 'DELETE';
        path = one('the object to delete');
        break;
      case 'deletecollection':
        method = 'DELETE';
        path = collection();
        if (a.name) notes.push(noName('deletecollection', a.name));
        break;
      default:
        return undefined;
    }
    if (a.subresource && STREAMING.has(a.subresource)) {
      notes.push(
        `${a.subresource} streams over a connection upgrade (kubectl does that); curl shows whether the API server lets the request through.`,
      );
      body = undefined;
    }
  }
  const words = ['curl'];
  if (method === 'HEAD') words.push('--head');
  else if (method !== 'GET') words.push('-X', method);
  words.push(
    '--cacert',
    `${SA_MOUNT}/ca.crt`,
    '-H',
    `"Authorization: Bearer $(cat ${SA_MOUNT}/token)"`,
  );
  if (body) {
    words.push('-H', `'Content-Type: ${body}'`, '-d', '@body.json');
    notes.push('body.json holds the object (or the patch) to send.');
  }
  const url = `${IN_CLUSTER_API}${path}`;
  // Segments are percent-encoded; only a query needs the URL quoted.
  words.push(/[?&]/.test(path) ? `"${url}"` : url);
  return { command: words.join(' '), method, path, notes };
}
