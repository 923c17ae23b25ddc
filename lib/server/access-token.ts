import { createHash, timingSafeEqual } from 'node:crypto';

/** The cookie the login form sets when RBAC_EXPLORER_TOKEN protects the dashboard. */
export const TOKEN_COOKIE = 'rbac_explorer_token';

/** Compares a presented token with the configured one in constant time (over their hashes). */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token a request presents: `Authorization: Bearer …` or the login cookie. */
export function presentedToken(
  authorization: string | null,
  cookie: string | undefined,
): string | undefined {
  const m = authorization ? /^Bearer\s+(.+)$/i.exec(authorization.trim()) : null;
  return m?.[1] ?? cookie;
}

/** Whether a request may see data: always, unless RBAC_EXPLORER_TOKEN is set and not presented. */
export function isAuthorized(authorization: string | null, cookie: string | undefined): boolean {
  const expected = process.env.RBAC_EXPLORER_TOKEN;
  return !expected || tokenMatches(presentedToken(authorization, cookie), expected);
}
