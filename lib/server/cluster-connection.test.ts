import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectCluster } from './cluster-connection';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cluster-connection-test-'));

describe('connectCluster', () => {
  it('gives a reason, not an exception, when the credential plugin fails', async () => {
    const kubeconfig = path.join(dir, 'exec-kubeconfig');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: 'https://127.0.0.1:1'}
users:
- name: u
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: sh
      args: ['-c', 'echo "sso session expired" >&2; exit 1']
      interactiveMode: Never
contexts:
- name: sso
  context: {cluster: c, user: u}
current-context: sso
`,
    );
    const got = await connectCluster({ kubeconfig }, { probe: true, watch: false });
    expect(got).toEqual({
      reason: expect.stringMatching(
        /^cluster sso cannot be asked: no credentials for https:\/\/127\.0\.0\.1:1: .*sso session expired/,
      ),
      contexts: ['sso'],
    });
  });
});
