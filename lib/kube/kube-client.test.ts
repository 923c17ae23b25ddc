import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { KubeClient, KubeError, withoutUserInfo } from './kube-client';

function clientFor(server: string): KubeClient {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return new KubeClient(kc);
}

describe('KubeClient: messages name the server without its credentials', () => {
  it('a server URL with a user name and password is named without them', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused.
    const client = clientFor('https://admin:s3cret@127.0.0.1:1');
    const err = await client.request('/version', { timeoutMs: 3000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect((err as KubeError).message).toMatch(/^cannot reach https:\/\/127\.0\.0\.1:1: /);
    expect((err as KubeError).message).not.toContain('s3cret');
    expect((err as KubeError).message).not.toContain('admin');
  });

  it.each([
    ['https://admin:s3cret@k8s.example:6443', 'https://k8s.example:6443'],
    ['https://token@k8s.example/prefix', 'https://k8s.example/prefix'],
    ['https://k8s.example:6443', 'https://k8s.example:6443'],
    ['not a url user:pw@host', 'not a url user:pw@host'],
    ['//user:pw@host/x', '//host/x'],
  ])('%s → %s', (url, named) => {
    expect(withoutUserInfo(url)).toBe(named);
  });
});
