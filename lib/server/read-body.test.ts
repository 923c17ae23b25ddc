import { describe, expect, it } from 'vitest';
import { readBodyText } from './read-body';

/** A chunked body (no Content-Length) of `total` bytes, counting what is pulled from it. */
function endless(total: number) {
  const pulled = { bytes: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const request = new Request('http://127.0.0.1/api/context', {
    method: 'POST',
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, pulled };
}

describe('readBodyText', () => {
  it('stops reading a chunked body past the limit', async () => {
    const { request, pulled } = endless(20 * 1024 * 1024);
    expect(await readBodyText(request, 4096)).toBeUndefined();
    expect(pulled.bytes).toBeLessThanOrEqual(3 * 64 * 1024);
  });

  it('reads a body within the limit, and refuses a declared length past it unread', async () => {
    const ok = new Request('http://127.0.0.1/x', { method: 'POST', body: '{"context":"é"}' });
    expect(await readBodyText(ok, 4096)).toBe('{"context":"é"}');
    const big = new Request('http://127.0.0.1/x', {
      method: 'POST',
      body: 'x',
      headers: { 'content-length': '999999' },
    });
    expect(await readBodyText(big, 4096)).toBeUndefined();
    expect(await readBodyText(new Request('http://127.0.0.1/x', { method: 'POST' }), 10)).toBe('');
  });
});
