import { describe, expect, it } from 'vitest';
import { apiVersionOf, podCurlCommand, restPath } from './curl-command';
import type { RequestAttributes, ResourceAttributes } from './rule-matching';

const AUTH =
  '--cacert /var/run/secrets/kubernetes.io/serviceaccount/ca.crt -H "Authorization: Bearer $(cat /var/run/secrets/kubernetes.io/serviceaccount/token)"';
const API = 'https://kubernetes.default.svc';

const res = (
  verb: string,
  resource: string,
  namespace: string,
  extra: Partial<ResourceAttributes> = {},
): ResourceAttributes => ({ verb, resource, apiGroup: '', namespace, ...extra });

describe('restPath', () => {
  it.each<[ResourceAttributes, string]>([
    [res('list', 'pods', 'default'), '/api/v1/namespaces/default/pods'],
    [res('list', 'pods', ''), '/api/v1/pods'],
    [res('get', 'nodes', '', { name: 'node-1' }), '/api/v1/nodes/node-1'],
    // A namespace is asked in its own namespace, and is not under it.
    [res('get', 'namespaces', 'team-a', { name: 'team-a' }), '/api/v1/namespaces/team-a'],
    [
      res('update', 'namespaces', 'team-a', { name: 'team-a', subresource: 'finalize' }),
      '/api/v1/namespaces/team-a/finalize',
    ],
    [
      res('update', 'deployments', 'team-a', {
        apiGroup: 'apps',
        name: 'web',
        subresource: 'scale',
      }),
      '/apis/apps/v1/namespaces/team-a/deployments/web/scale',
    ],
    [
      res('get', 'horizontalpodautoscalers', 'x', { apiGroup: 'autoscaling' }),
      '/apis/autoscaling/v2/namespaces/x/horizontalpodautoscalers',
    ],
    [
      res('list', 'clusterroles', '', { apiGroup: 'rbac.authorization.k8s.io' }),
      '/apis/rbac.authorization.k8s.io/v1/clusterroles',
    ],
    [
      res('get', 'widgets', 'x', { apiGroup: 'example.com' }),
      '/apis/example.com/v1/namespaces/x/widgets',
    ],
    [
      res('get', 'configmaps', 'x', { name: "a b'(!)" }),
      '/api/v1/namespaces/x/configmaps/a%20b%27%28%21%29',
    ],
  ])('%j → %s', (a, expected) => {
    expect(restPath(a)).toBe(expected);
  });

  it('knows the versions that are not v1', () => {
    expect(apiVersionOf('')).toBe('v1');
    expect(apiVersionOf('metrics.k8s.io')).toBe('v1beta1');
    expect(apiVersionOf('anything.example.com')).toBe('v1');
  });
});

describe('podCurlCommand: the request as a Pod makes it with its mounted token', () => {
  it('the seed question, exactly', () => {
    expect(podCurlCommand(res('list', 'pods', 'default'))?.command).toBe(
      `curl ${AUTH} ${API}/api/v1/namespaces/default/pods`,
    );
  });

  it.each<[RequestAttributes, string, string, RegExp?]>([
    [
      res('get', 'pods', 'default', { name: 'myapp1' }),
      'GET',
      '/api/v1/namespaces/default/pods/myapp1',
    ],
    [
      res('get', 'pods', 'default'),
      'GET',
      '/api/v1/namespaces/default/pods/NAME',
      /NAME stands for/,
    ],
    [
      res('list', 'pods', 'default', { name: 'web' }),
      'GET',
      '/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb',
    ],
    [res('watch', 'pods', ''), 'GET', '/api/v1/pods?watch=true'],
    [res('create', 'pods', 'dev'), 'POST', '/api/v1/namespaces/dev/pods', /body\.json/],
    [
      res('create', 'pods', 'dev', { name: 'web', subresource: 'exec' }),
      'POST',
      '/api/v1/namespaces/dev/pods/web/exec',
      /connection upgrade/,
    ],
    [
      res('patch', 'deployments', 'dev', { apiGroup: 'apps', name: 'web', subresource: 'scale' }),
      'PATCH',
      '/apis/apps/v1/namespaces/dev/deployments/web/scale',
      /body\.json/,
    ],
    [
      res('update', 'configmaps', 'dev', { name: 'c' }),
      'PUT',
      '/api/v1/namespaces/dev/configmaps/c',
      /body\.json/,
    ],
    [res('delete', 'secrets', 'dev', { name: 's' }), 'DELETE', '/api/v1/namespaces/dev/secrets/s'],
    [res('deletecollection', 'pods', 'dev'), 'DELETE', '/api/v1/namespaces/dev/pods'],
    // A question that names the object: the request does not, so resourceNames cannot allow it.
    [
      res('create', 'configmaps', 'dev', { name: 'app-config' }),
      'POST',
      '/api/v1/namespaces/dev/configmaps',
      /A create request carries no name: .* only for app-config \(resourceNames\)/,
    ],
    [
      res('deletecollection', 'pods', 'dev', { name: 'web' }),
      'DELETE',
      '/api/v1/namespaces/dev/pods',
      /A deletecollection request carries no name/,
    ],
    [{ verb: 'get', nonResourceURL: '/metrics' }, 'GET', '/metrics'],
    [{ verb: 'head', nonResourceURL: '/healthz' }, 'HEAD', '/healthz'],
  ])('%j → %s %s', (a, method, path, note) => {
    const curl = podCurlCommand(a)!;
    expect(curl.method).toBe(method);
    expect(curl.path).toBe(path);
    if (note) expect(curl.notes.join(' ')).toMatch(note);
    else expect(curl.notes).toEqual([]);
    expect(curl.command).toContain(AUTH);
    if (method === 'GET') expect(curl.command).not.toContain('-X');
    else if (method === 'HEAD') expect(curl.command).toContain('--head');
    else expect(curl.command).toContain(`-X ${method}`);
  });

  it('quotes a URL with a query, so the shell keeps & and ?', () => {
    expect(podCurlCommand(res('watch', 'pods', 'default', { name: 'web' }))?.command).toMatch(
      new RegExp(
        `"${API.replaceAll('$', '\\$')}/api/v1/namespaces/default/pods\\?watch=true&fieldSelector=metadata\\.name%3Dweb"$`,
      ),
    );
  });

  it.each<[RequestAttributes]>([
    [res('bind', 'clusterroles', '', { apiGroup: 'rbac.authorization.k8s.io' })],
    [res('impersonate', 'users', '')],
    [res('*', 'pods', 'x')],
    [res('get', '*', 'x')],
    [res('get', 'pods', 'x', { apiGroup: '*' })],
    [{ verb: 'get', nonResourceURL: '/metrics/*' }],
    [{ verb: 'frobnicate', nonResourceURL: '/metrics' }],
  ])('no single request for %j', (a) => {
    expect(podCurlCommand(a)).toBeUndefined();
  });
});
