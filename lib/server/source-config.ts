import 'server-only';

/** Which data the dashboard shows, from RBAC_SOURCE. */
export type SourceConfig =
  | { kind: 'auto' }
  | { kind: 'demo' }
  | { kind: 'file'; paths: string[] }
  | { kind: 'cluster'; context?: string };

export class ConfigError extends Error {}

/**
 * Parses RBAC_SOURCE: unset or `auto` (the current kubeconfig context when it answers, else the
 * demo), `demo`, `cluster` or `cluster:CONTEXT` (always the cluster, retrying while it is
 * unreachable), or `file:PATH[,PATH…]` (files or folders of Kubernetes YAML/JSON).
 */
export function parseSourceConfig(value: string | undefined): SourceConfig {
  const v = (value ?? '').trim();
  if (v === '' || v === 'auto') return { kind: 'auto' };
  if (v === 'demo') return { kind: 'demo' };
  if (v === 'cluster') return { kind: 'cluster' };
  if (v.startsWith('cluster:')) {
    const context = v.slice('cluster:'.length).trim();
    if (!context)
      throw new ConfigError('RBAC_SOURCE=cluster: needs a context name, or use cluster');
    return { kind: 'cluster', context };
  }
  if (v.startsWith('file:')) {
    const paths = v
      .slice('file:'.length)
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (paths.length === 0)
      throw new ConfigError('RBAC_SOURCE=file: needs a path, e.g. file:./rbac.yaml');
    return { kind: 'file', paths };
  }
  throw new ConfigError(
    `RBAC_SOURCE=${JSON.stringify(v)} is not understood: use auto, demo, cluster, cluster:CONTEXT or file:PATH`,
  );
}
