import 'server-only';
import { stringify } from 'yaml';
import { Authorizer } from '../lib/rbac/authorizer';
import type { RbacSnapshot } from '../lib/rbac/types';
import type { ClusterScope } from '../lib/sources/cluster-source';
import { loadSource } from '../lib/sources/load-source';
import { formatDumpError } from '../lib/sources/parse-dump';
import { connectCluster } from '../lib/server/cluster-connection';
import { parseSourceConfig } from '../lib/server/source-config';

/** Bad input: exit 2 with a message a user can act on. */
export class UsageError extends Error {}

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Where the CLI reads RBAC from: `-f` files, or a cluster (`--kubeconfig`, `--context`). */
export interface SourceFlags {
  files: string[];
  kubeconfig?: string;
  context?: string;
}

/**
 * Builds the authorizer over `-f` files and folders; or the cluster of `--kubeconfig` /
 * `--context`; or, without flags, the dashboard's default source (RBAC_SOURCE: the current
 * kubeconfig context when it answers, else the demo). Unreadable input is a usage error:
 * answers over half-read data would mislead.
 */
/**
 * The engine over the chosen source. From a cluster, only what `scope` says is read: answers
 * that never mention Pods skip them (on large clusters, most of the objects).
 */
export async function loadAuthorizer(
  flags: SourceFlags,
  io: Output,
  scope: ClusterScope,
): Promise<Authorizer> {
  return new Authorizer(await loadSnapshot(flags, io, scope));
}

async function loadSnapshot(
  flags: SourceFlags,
  io: Output,
  scope: ClusterScope,
): Promise<RbacSnapshot> {
  const config =
    flags.files.length > 0
      ? { kind: 'file' as const, paths: flags.files }
      : flags.kubeconfig || flags.context
        ? { kind: 'cluster' as const, context: flags.context }
        : parseSourceConfig(process.env.RBAC_SOURCE);
  if (config.kind === 'auto' || config.kind === 'cluster') {
    const connection = await connectCluster(
      {
        kubeconfig: flags.kubeconfig,
        context: (config.kind === 'cluster' ? config.context : undefined) ?? flags.context,
      },
      { probe: config.kind === 'auto', watch: false, scope },
    );
    if ('source' in connection) {
      const snapshot = connection.source.snapshot();
      const failures = snapshot.warnings.filter((w) => w.startsWith('cannot'));
      if (failures.length === connection.source.kindCount)
        throw new UsageError(failures.join('\n'));
      for (const w of failures) io.err(`warning: ${w}`);
      return snapshot;
    }
    if (config.kind === 'cluster')
      throw new UsageError(`cannot use the cluster: ${connection.reason}`);
    io.err(`(Demo data — ${connection.reason})`);
    return (await loadSource({ kind: 'demo' })).snapshot;
  }
  const load = await loadSource(config);
  if (load.errors.length > 0) {
    throw new UsageError(load.errors.map(formatDumpError).join('\n'));
  }
  if (load.notice && flags.files.length === 0) io.err(`(${load.notice.text})`);
  return load.snapshot;
}

export function printStructured(value: unknown, format: 'json' | 'yaml', io: Output): void {
  io.out(format === 'json' ? JSON.stringify(value, null, 2) : stringify(value).trimEnd());
}
