import 'server-only';
import { stringify } from 'yaml';
import { Authorizer } from '../lib/rbac/authorizer';
import { loadSource } from '../lib/sources/load-source';
import { formatDumpError } from '../lib/sources/parse-dump';
import { parseSourceConfig } from '../lib/server/source-config';

/** Bad input: exit 2 with a message a user can act on. */
export class UsageError extends Error {}

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * Builds the authorizer over `-f` files and folders, or, without them, the dashboard's default
 * source. Unreadable input is a usage error: answers over half-read files would mislead.
 */
export async function loadAuthorizer(files: string[], io: Output): Promise<Authorizer> {
  const config =
    files.length > 0
      ? { kind: 'file' as const, paths: files }
      : parseSourceConfig(process.env.RBAC_SOURCE);
  const load = await loadSource(config);
  if (load.errors.length > 0) {
    throw new UsageError(load.errors.map(formatDumpError).join('\n'));
  }
  if (load.notice && files.length === 0) io.err(`(${load.notice.text})`);
  return new Authorizer(load.snapshot);
}

export function printStructured(value: unknown, format: 'json' | 'yaml', io: Output): void {
  io.out(format === 'json' ? JSON.stringify(value, null, 2) : stringify(value).trimEnd());
}
