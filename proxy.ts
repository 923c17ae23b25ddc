import { NextResponse, type NextRequest } from 'next/server';

/**
 * A subject key in the path that is not valid percent-encoding (`/subjects/%E0%A4%A`) would
 * fail where the router decodes it, with a 500. Such a path is taken literally (every `%`
 * escaped), so the page and the API receive the key as typed and say it is not a subject key.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  try {
    decodeURIComponent(pathname);
    return NextResponse.next();
  } catch {
    const url = request.nextUrl.clone();
    url.pathname = pathname.replaceAll('%', '%25');
    return NextResponse.rewrite(url);
  }
}

export const config = { matcher: ['/subjects/:key*', '/api/subjects/:key*'] };
