import { ANONYMOUS } from './identity';
import { isResourceRequest, type RequestAttributes } from './rule-matching';
import { shellQuote } from './shell-quote';

export interface KubectlCommand {
  command: string;
  /** Set when the command cannot say exactly the same thing, and why. */
  note?: string;
}

/**
 * The `kubectl auth can-i` command that asks the API server the same question:
 * `kubectl auth can-i list pods --as=system:serviceaccount:default:myapp1 -n default`.
 * Only explicit groups are passed: the API server implies a ServiceAccount's groups itself.
 * A namespace '' is asked with -A, which kubectl sends as the empty namespace.
 */
export function kubectlCanI(
  who: { user: string; groups: readonly string[] },
  a: RequestAttributes,
): KubectlCommand {
  const words = ['kubectl', 'auth', 'can-i', a.verb];
  if (isResourceRequest(a)) {
    const type = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
    words.push(a.name ? `${type}/${a.name}` : type);
    if (a.subresource) words.push(`--subresource=${a.subresource}`);
  } else {
    words.push(a.nonResourceURL);
  }
  // kubectl impersonates groups only together with a user; system:anonymous brings no
  // groups of its own, so the request carries exactly the groups asked about.
  const user = who.user || (who.groups.length > 0 ? ANONYMOUS : '');
  if (user) words.push(`--as=${user}`);
  for (const g of who.groups) words.push(`--as-group=${g}`);
  if (isResourceRequest(a)) {
    if (a.namespace) words.push('-n', a.namespace);
    else words.push('-A');
  }
  const command = words.map(shellQuote).join(' ');
  if (!who.user && who.groups.length > 0) {
    return {
      command,
      note: `kubectl impersonates groups only with a user: ${ANONYMOUS} adds no groups, but bindings that name it would count too.`,
    };
  }
  return { command };
}
