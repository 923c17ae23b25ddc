import { describe, expect, it, vi } from 'vitest';
import { KubeError } from '@/lib/kube/kube-client';
import { defaultSpec } from '@/lib/manifests/wizard-spec';

// A stand-in for the cluster client (not for the API server): it never gets an answer.
const calls: string[] = [];
vi.mock('@/lib/server/snapshot-store', () => ({
  getState: async () => ({
    cluster: {
      client: {
        request: async (path: string) => {
          calls.push(path);
          throw new KubeError('no answer from https://k8s.example within 10 s', 0, 'Timeout');
        },
      },
    },
    snapshot: { source: { kind: 'cluster', name: 'test' } },
  }),
}));

const { POST } = await import('./route');

describe('POST /api/wizard/dry-run', () => {
  it('answers 504 once when the API server does not answer, after a single try', async () => {
    const res = await POST(
      new Request('http://localhost/api/wizard/dry-run', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ spec: defaultSpec() }),
      }),
    );
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({
      error: 'the API server: no answer from https://k8s.example within 10 s',
    });
    expect(calls).toHaveLength(1);
  });
});
