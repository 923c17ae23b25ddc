/**
 * Requests the dashboard refuses whatever their token, as browsers let other sites send them:
 * - a change (POST, PUT, DELETE…) sent from another site's page (an upload that replaces the
 *   data, a switch of kubeconfig context): browsers say where a request comes from in
 *   `Sec-Fetch-Site` and `Origin`; tools such as curl send neither, and are not refused;
 * - while the dashboard listens on this machine only, a request whose `Host` is not this
 *   machine: a page of another site whose name has been pointed at 127.0.0.1 (DNS rebinding)
 *   would otherwise read everything, as its own origin.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a request is refused as sent from another site, if it is. */
export function crossSiteRefusal(
  method: string,
  headers: { get(name: string): string | null },
): string | undefined {
  if (SAFE_METHODS.has(method.toUpperCase())) return undefined;
  // A current browser says where the request comes from; its Origin may be "null" for the
  // dashboard's own forms (the pages send no referrer).
  const site = headers.get('sec-fetch-site');
  if (site) {
    return site === 'same-origin' || site === 'none'
      ? undefined
      : `a ${method} from another site (${site}) is refused`;
  }
  const origin = headers.get('origin');
  if (origin) {
    let from: string | undefined;
    try {
      from = new URL(origin).host;
    } catch {
      from = undefined;
    }
    if (from !== headers.get('host')) return `a ${method} from ${origin} is refused`;
  }
  return undefined;
}

const isLoopback = (hostname: string) =>
  hostname === 'localhost' ||
  hostname.endsWith('.localhost') ||
  /^127(\.\d{1,3}){3}$/.test(hostname) ||
  hostname === '[::1]' ||
  hostname === '::1';

/**
 * Why a request is refused for its `Host`, if it is: only while the dashboard listens on a
 * loopback address (`listenHost`, HOST; 127.0.0.1 when unset), and only for a name that is
 * not this machine's.
 */
export function hostRefusal(
  host: string | null,
  listenHost: string | undefined,
): string | undefined {
  if (listenHost && !isLoopback(listenHost)) return undefined;
  if (!host) return undefined;
  const hostname = host.startsWith('[')
    ? host.slice(0, host.indexOf(']') + 1)
    : host.split(':')[0]!;
  return isLoopback(hostname.toLowerCase())
    ? undefined
    : `this dashboard listens on this machine only: the host ${hostname} is refused`;
}
