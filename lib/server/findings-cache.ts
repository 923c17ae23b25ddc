import 'server-only';
import { findRisks, type Finding } from '../findings/find-risks';
import type { Authorizer } from '../rbac/authorizer';

const cache = new WeakMap<Authorizer, Finding[]>();

/** The findings of a snapshot, computed once per authorizer (that is, per data version). */
export function findingsOf(authz: Authorizer): Finding[] {
  let f = cache.get(authz);
  if (!f) {
    f = findRisks(authz);
    cache.set(authz, f);
  }
  return f;
}
