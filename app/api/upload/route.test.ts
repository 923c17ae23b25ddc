import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '@/lib/sources/upload-source';
import { POST } from './route';

const YAML = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  namespace: default\n';

describe('POST /api/upload', () => {
  it('refuses a body just over the limit with sizes that differ, and no advice to split', async () => {
    const res = await POST(
      new Request('http://localhost/api/upload', {
        method: 'POST',
        headers: { 'content-length': String(MAX_UPLOAD_BYTES + 1) },
      }),
    );
    expect(res.status).toBe(413);
    const { error } = (await res.json()) as { error: string };
    expect(error).toMatch(/^the upload is 50\.1 MB .* over the 50 MB limit/);
    expect(error).not.toMatch(/split/i);
  });

  it('tells a UTF-16 file (PowerShell >) to be saved as UTF-8', async () => {
    const form = new FormData();
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(YAML, 'utf16le')]);
    form.append('files', new Blob([bytes]), 'rbac.yaml');
    const probe = new Request('http://localhost/api/upload', { method: 'POST', body: form });
    const body = await probe.arrayBuffer();
    const res = await POST(
      new Request('http://localhost/api/upload', {
        method: 'POST',
        body,
        headers: {
          'content-type': probe.headers.get('content-type')!,
          'content-length': String(body.byteLength),
        },
      }),
    );
    expect(res.status).toBe(400);
    const json = (await res.json()) as { errors: { text: string }[] };
    expect(json.errors.map((e) => e.text)).toEqual([
      expect.stringMatching(/^rbac\.yaml: the file is UTF-16.*save the file as UTF-8$/),
    ]);
  });
});
