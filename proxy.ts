import { NextResponse, type NextRequest } from 'next/server';
import { isAuthorized, TOKEN_COOKIE } from './lib/server/access-token';

/**
 * With RBAC_EXPLORER_TOKEN set, every page and API route needs the token (a Bearer header or
 * the login cookie); without it, pages redirect to /login and API routes answer 401.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // The login itself, and the health route probes use (it shows no data without the token).
  if (pathname === '/login' || pathname === '/api/login' || pathname === '/api/health') {
    return NextResponse.next();
  }
  if (
    isAuthorized(request.headers.get('authorization'), request.cookies.get(TOKEN_COOKIE)?.value)
  ) {
    return NextResponse.next();
  }
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

export const config = {
  // Static assets carry no data; everything else is guarded.
  matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico).*)'],
};
