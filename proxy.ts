import { NextResponse, type NextRequest } from 'next/server';
import { isAuthorized, TOKEN_COOKIE } from './lib/server/access-token';

/**
 * Runs before every request but static assets:
 * - with RBAC_EXPLORER_TOKEN set, every page and API route needs the token (a Bearer header or
 *   the login cookie); without it, pages redirect to /login and API routes answer 401;
 * - a path that is not valid percent-encoding (`/subjects/%E0%A4%A`) would fail where the
 *   router decodes it, with a 500; it is taken literally (every `%` escaped), so pages and the
 *   API receive it as typed and say what is wrong with it.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
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
