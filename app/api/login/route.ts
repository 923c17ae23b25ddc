import { NextResponse } from 'next/server';
import { TOKEN_COOKIE, tokenMatches } from '@/lib/server/access-token';
import { readBodyText } from '@/lib/server/read-body';

const MAX_BODY = 4096;

/** A relative redirect: the browser stays on the origin it used. */
const seeOther = (location: string) =>
  new NextResponse(null, { status: 303, headers: { Location: location } });

/** The login form posts the access token here; a correct one sets an HttpOnly, SameSite=Strict cookie. */
export async function POST(request: Request) {
  const expected = process.env.RBAC_EXPLORER_TOKEN;
  const text = await readBodyText(request, MAX_BODY);
  if (text === undefined) {
    return NextResponse.json({ error: 'the body is too large' }, { status: 413 });
  }
  const form = new URLSearchParams(text);
  const token = form.get('token') ?? '';
  const next = form.get('next') ?? '/';
  // Only paths of this site: never an open redirect (`//host` and `/\host` leave it).
  const target = /^\/(?![/\\])/.test(next) ? next : '/';
  if (!expected || !tokenMatches(token, expected)) {
    return seeOther(`/login?failed=1&next=${encodeURIComponent(target)}`);
  }
  const res = seeOther(target);
  res.cookies.set(TOKEN_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: new URL(request.url).protocol === 'https:',
    path: '/',
  });
  return res;
}
