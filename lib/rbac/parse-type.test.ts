import { describe, expect, it } from 'vitest';
import { parseTypeQuestion, QuestionError } from './parse-type';

describe('parseTypeQuestion: kubectl auth can-i words', () => {
  it.each([
    [
      { verb: 'list', type: 'pods' },
      { verb: 'list', resource: 'pods', apiGroup: '', namespace: 'default' },
    ],
    [
      { verb: 'list', type: 'pods', namespace: 'kube-system' },
      { verb: 'list', resource: 'pods', apiGroup: '', namespace: 'kube-system' },
    ],
    [
      { verb: 'get', type: 'pods/web-0' },
      { verb: 'get', resource: 'pods', apiGroup: '', namespace: 'default', name: 'web-0' },
    ],
    [
      { verb: 'get', type: 'pods', subresource: 'log' },
      { verb: 'get', resource: 'pods', apiGroup: '', namespace: 'default', subresource: 'log' },
    ],
    [
      { verb: 'create', type: 'deployments' },
      { verb: 'create', resource: 'deployments', apiGroup: 'apps', namespace: 'default' },
    ],
    [
      { verb: 'create', type: 'deployments.apps' },
      { verb: 'create', resource: 'deployments', apiGroup: 'apps', namespace: 'default' },
    ],
    [
      { verb: 'get', type: 'widgets.example.com' },
      { verb: 'get', resource: 'widgets', apiGroup: 'example.com', namespace: 'default' },
    ],
    [
      { verb: 'get', type: 'widgets', apiGroup: 'example.com' },
      { verb: 'get', resource: 'widgets', apiGroup: 'example.com', namespace: 'default' },
    ],
    [
      { verb: 'list', type: 'nodes', namespace: 'x' },
      { verb: 'list', resource: 'nodes', apiGroup: '', namespace: '' },
    ],
    [
      { verb: 'list', type: 'pods', namespace: '' },
      { verb: 'list', resource: 'pods', apiGroup: '', namespace: '' },
    ],
    [
      { verb: 'get', type: '/healthz' },
      { verb: 'get', nonResourceURL: '/healthz' },
    ],
    [
      { verb: '*', type: '*' },
      { verb: '*', resource: '*', apiGroup: '', namespace: 'default' },
    ],
    // kubectl reads TYPE.GROUP case-insensitively.
    [
      { verb: 'get', type: 'Deployments.APPS' },
      { verb: 'get', resource: 'deployments', apiGroup: 'apps', namespace: 'default' },
    ],
  ])('%j', (q, expected) => {
    expect(parseTypeQuestion(q)).toEqual(expected);
  });

  it.each([
    [{ verb: '', type: 'pods' }, /verb is required/],
    [{ verb: 'get', type: '' }, /resource type/],
    [{ verb: 'get', type: 'pods/' }, /TYPE\/NAME/],
    [{ verb: 'get', type: 'pods/a/b' }, /TYPE\/NAME/],
    [{ verb: 'get', type: 'Pods!' }, /not a resource name/],
    [{ verb: 'get', type: '/healthz', subresource: 'x' }, /non-resource URL/],
    [{ verb: 'get', type: 'deployments.apps', apiGroup: 'extensions' }, /given twice/],
    // A verb kubectl would read as a flag, pasted from a hostile link.
    [{ verb: '--server=https://evil.example', type: 'pods' }, /is not a verb/],
    [{ verb: '-n', type: 'pods' }, /is not a verb/],
    [{ verb: 'get list', type: 'pods' }, /is not a verb/],
    [{ verb: 'get', type: 'pods.a b' }, /"a b" is not an API group/],
    [{ verb: 'get', type: 'pods.--token=x' }, /is not an API group/],
  ])('rejects %j', (q, message) => {
    expect(() => parseTypeQuestion(q)).toThrow(QuestionError);
    expect(() => parseTypeQuestion(q)).toThrow(message);
  });
});

describe('parseTypeQuestion: cluster-scoped requests in a namespace', () => {
  it.each([
    [{ verb: 'get', type: 'nodes/n1', namespace: 'team-a' }, ''],
    [{ verb: 'get', type: 'namespaces/team-a' }, 'team-a'],
    [
      { verb: 'update', type: 'namespaces/team-a', subresource: 'finalize', namespace: 'x' },
      'team-a',
    ],
    [{ verb: 'get', type: 'namespaces', namespace: 'team-a' }, ''],
    [{ verb: 'bind', type: 'clusterroles/view', namespace: 'team-a' }, 'team-a'],
    [
      { verb: 'bind', type: 'clusterroles.rbac.authorization.k8s.io/view', namespace: 'team-a' },
      'team-a',
    ],
    [{ verb: 'bind', type: 'clusterroles/view' }, ''],
    [{ verb: 'escalate', type: 'clusterroles/view', namespace: 'team-a' }, ''],
  ])('%j is asked in %j', (question, namespace) => {
    const a = parseTypeQuestion(question);
    expect('namespace' in a && a.namespace).toBe(namespace);
  });
});
