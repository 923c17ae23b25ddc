/** Kubernetes name rules (DNS-1123), as the API server validates object names. */

/** A DNS label: namespaces (at most 63 characters). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** DNS labels joined by dots: ServiceAccounts, Pods (at most 253 characters). */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const isNamespaceName = (name: string) => name.length <= 63 && DNS_LABEL.test(name);
export const isSubdomainName = (name: string) => name.length <= 253 && DNS_SUBDOMAIN.test(name);
