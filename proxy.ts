import { NextResponse, type NextRequest } from 'next/server';
import { isAuthorized, TOKEN_COOKIE } from './lib/server/access-token';
import { crossSiteRefusal, hostRefusal } from './lib/server/request-origin';

/**
 * The address the dashboard listens on: HOST (scripts/start.mjs), or the standalone server's
 * HOSTNAME when it is every address (the container image); unset means 127.0.0.1.
 */
const LISTEN_HOST =
  process.env.HOST ||
  (process.env.HOSTNAME === '0.0.0.0' || process.env.HOSTNAME === '::'
    ? process.env.HOSTNAME
    : undefined);

/**
 * Runs before every request but static assets:
 * - a change sent from another site's page, or (while listening on this machine only) a
 *   request for a host name that is not this machine's, is refused with a 403 (see
 *   request-origin.ts);
 * - with RBAC_EXPLORER_TOKEN set, every page and API route needs the token (a Bearer header or
 *   the login cookie); without it, pages redirect to /login and API routes answer 401;
 * - a path that is not valid percent-encoding (`/subjects/%E0%A4%A`) would fail where the
 *   router decodes it, with a 500; it is taken literally (every `%` escaped), so pages and the
 *   API receive it as typed and say what is wrong with it.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const refused =
    hostRefusal(request.headers.get('host'), LISTEN_HOST) ??
    crossSiteRefusal(request.method, request.headers);
  if (refused) return NextResponse.json({ error: refused }, { status: 403 });
  // The login itself, and the health route probes use (it shows no data without the token).
  const open = pathname === '/login' || pathname === '/api/login' || pathname === '/api/health';
  if (
    !open &&
    !isAuthorized(request.headers.get('authorization'), request.cookies.get(TOKEN_COOKIE)?.value)
  ) {
    if (pathname.startsWith('/api/')) {
      return NextResponse.json(
        { error: 'this dashboard needs its access token: Authorization: Bearer TOKEN' },
        { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
      );
    }
    const login = new URL('/login', request.url);
    login.searchParams.set('next', pathname + request.nextUrl.search);
    return NextResponse.redirect(login);
  }
  try {
    decodeURIComponent(pathname);
    return NextResponse.next();
  } catch {
    const url = request.nextUrl.clone();
    url.pathname = pathname.replaceAll('%', '%25');
    return NextResponse.rewrite(url);
  }
}

export const config = {
  // Static assets carry no data; everything else passes through here.
  matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico).*)'],
};
