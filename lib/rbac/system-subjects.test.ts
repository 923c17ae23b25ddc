import { describe, expect, it } from 'vitest';
import { isSystemSubject } from './system-subjects';
import { subject } from './test-builders';

describe('isSystemSubject: the cluster own, never the audiences every request can join', () => {
  it.each<[string, boolean]>([
    ['ServiceAccount:kube-system:job-controller', true],
    ['ServiceAccount:default:myapp1', false],
    ['User:system:kube-controller-manager', true],
    ['User:system:kube-scheduler', true],
    ['User:system:kube-proxy', true],
    ['User:system:node:node-1', true],
    ['Group:system:masters', true],
    ['Group:system:nodes', true],
    // Anyone without credentials.
    ['User:system:anonymous', false],
    ['Group:system:anonymous', false],
    ['Group:system:unauthenticated', false],
    ['User:system:unauthenticated', false],
    ['Group:system:authenticated', false],
    ['User:system:authenticated', false],
    // The API server matches these user names to ServiceAccount tokens.
    ['User:system:serviceaccount:default:evil', false],
    ['User:system:serviceaccount:kube-system:evil', false],
    ['Group:system:serviceaccounts', false],
    ['Group:system:serviceaccounts:team-a', false],
    ['User:alice@example.com', false],
    ['Group:sre', false],
  ])('%s → %s', (spec, expected) => {
    expect(isSystemSubject(subject(spec))).toBe(expected);
  });
});
