import { describe, expect, it } from 'vitest';
import { crossSiteRefusal, hostRefusal } from './request-origin';

const h = (o: Record<string, string>) => new Headers(o);

describe('crossSiteRefusal', () => {
  it.each<[string, Record<string, string>, boolean]>([
    ['GET', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, false],
    ['POST', { 'sec-fetch-site': 'cross-site', host: '127.0.0.1:3000' }, true],
    ['POST', { 'sec-fetch-site': 'same-site', host: '127.0.0.1:3000' }, true],
    ['POST', { 'sec-fetch-site': 'same-origin', host: '127.0.0.1:3000' }, false],
    // The dashboard's own login form: no referrer, so its Origin is "null".
    ['POST', { 'sec-fetch-site': 'same-origin', origin: 'null', host: '127.0.0.1:3000' }, false],
    ['POST', { 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.1:3000' }, true],
    ['POST', { origin: 'https://evil.example', host: '127.0.0.1:3000' }, true],
    ['DELETE', { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }, false],
    ['POST', { origin: 'null', host: '127.0.0.1:3000' }, true],
    // curl, the CLI: neither header.
    ['POST', { host: '127.0.0.1:3000' }, false],
  ])('%s %j refused: %s', (method, headers, refused) => {
    expect(crossSiteRefusal(method, h(headers)) !== undefined).toBe(refused);
  });
});

describe('hostRefusal', () => {
  it.each<[string | null, string | undefined, boolean]>([
    ['127.0.0.1:3000', undefined, false],
    ['localhost:3000', '127.0.0.1', false],
    ['[::1]:3000', undefined, false],
    ['evil.example:3000', undefined, true],
    ['evil.example:3000', '127.0.0.1', true],
    // Listening on every address (a Pod): reached by whatever name the Service has.
    ['rbac-explorer.tools.svc:3000', '0.0.0.0', false],
    [null, undefined, false],
  ])('%s while listening on %s refused: %s', (host, listen, refused) => {
    expect(hostRefusal(host, listen) !== undefined).toBe(refused);
  });
});
