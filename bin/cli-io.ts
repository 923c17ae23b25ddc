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

/**
 * Where the CLI reads RBAC from: `-f` files, a cluster (`--kubeconfig`, `--context`), or the
 * built-in demo (`--demo`); without any, RBAC_SOURCE as the dashboard reads it.
 */
export interface SourceFlags {
  files: string[];
  kubeconfig?: string;
  context?: string;
  demo?: boolean;
}

/**
 * The kinds every answer is made of. One of them unread turns grants into silence: a "no" that
 * is really a "yes", a role "bound to nobody". Listed as the API server names them.
 */
export const RBAC_KINDS = ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'];

/**
 * Splits a cluster snapshot's warnings into those that make any answer wrong (a `required`
 * kind that could not be listed, or an object of one that was skipped) and those that only
 * leave out context the answer does not depend on.
 */
export function sortClusterWarnings(
  warnings: readonly string[],
  required: readonly string[],
): { fatal: string[]; other: string[] } {
  const fatal: string[] = [];
  const other: string[] = [];
  for (const w of warnings) {
    // "cannot list clusterrolebindings: forbidden" (cluster-source.ts), or
    // "ClusterRoleBinding /name was skipped: …" for an object it could not convert.
    const listed = /^cannot list ([a-z]+):/.exec(w)?.[1];
    const skipped = /^([A-Za-z]+) .* was skipped:/.exec(w)?.[1];
    const kind = listed ?? (skipped ? `${skipped.toLowerCase()}s` : undefined);
    (kind && required.includes(kind) ? fatal : other).push(w);
  }
  return { fatal, other };
}

/**
 * The engine over the chosen source: `-f` files and folders; or the cluster of `--kubeconfig` /
 * `--context`; or the demo with `--demo`; or, without flags, the dashboard's source (RBAC_SOURCE:
 * by default the current kubeconfig context). Unreadable input is a usage error: answers over
 * half-read data would mislead. So from a cluster, every kind in `required` (by default the four
 * RBAC kinds) must be listed in full; and a context that cannot be read is an error, never a
 * silent switch to the demo, which would answer a pipeline's question about its cluster.
 * Only what `scope` says is read: answers that never mention Pods skip them (on large
 * clusters, most of the objects).
 */
export async function loadAuthorizer(
  flags: SourceFlags,
  io: Output,
  scope: ClusterScope,
  required: readonly string[] = RBAC_KINDS,
): Promise<Authorizer> {
  return new Authorizer(await loadSnapshot(flags, io, scope, required));
}

async function loadSnapshot(
  flags: SourceFlags,
  io: Output,
  scope: ClusterScope,
  required: readonly string[],
): Promise<RbacSnapshot> {
  if (flags.demo && (flags.files.length > 0 || flags.kubeconfig || flags.context)) {
    throw new UsageError('--demo reads the built-in demo: give no -f, --kubeconfig or --context');
  }
  const config =
    flags.files.length > 0
      ? { kind: 'file' as const, paths: flags.files }
      : flags.kubeconfig || flags.context
        ? { kind: 'cluster' as const, context: flags.context }
        : flags.demo
          ? { kind: 'demo' as const }
          : parseSourceConfig(process.env.RBAC_SOURCE);
  if (config.kind === 'auto' || config.kind === 'cluster') {
    const connection = await connectCluster(
      {
        kubeconfig: flags.kubeconfig,
        context: (config.kind === 'cluster' ? config.context : undefined) ?? flags.context,
      },
      { probe: config.kind === 'auto', watch: false, scope },
    );
    if (!('source' in connection)) {
      throw new UsageError(
        `cannot use the cluster: ${connection.reason}. ` +
          'Give --kubeconfig or --context for a cluster, -f for files, or --demo for the built-in demo.',
      );
    }
    const snapshot = connection.source.snapshot();
    const { fatal, other } = sortClusterWarnings(snapshot.warnings, required);
    if (fatal.length > 0) {
      throw new UsageError(
        `cluster ${connection.context} could not be read in full, and an answer without it ` +
          `would mislead:\n${fatal.map((w) => `  ${w}`).join('\n')}\n` +
          `(the CLI needs list on ${required.join(', ')})`,
      );
    }
    for (const w of other) io.err(`warning: ${w}`);
    return snapshot;
  }
  const load = await loadSource(config);
  if (load.errors.length > 0) {
    throw new UsageError(load.errors.map(formatDumpError).join('\n'));
  }
  if (config.kind === 'demo') {
    io.err(`(Demo data — ${flags.demo ? '--demo' : 'RBAC_SOURCE=demo'})`);
  }
  return load.snapshot;
}

export function printStructured(value: unknown, format: 'json' | 'yaml', io: Output): void {
  io.out(format === 'json' ? JSON.stringify(value, null, 2) : stringify(value).trimEnd());
}
