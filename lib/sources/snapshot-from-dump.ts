import type { RbacSnapshot, SourceInfo } from '../rbac/types';
import { emptySnapshot } from '../rbac/types';
import { addObject, ConversionError } from './convert-objects';
import type { DumpError, ParsedDump } from './parse-dump';

export interface DumpLoad {
  snapshot: RbacSnapshot;
  /** Problems a user must fix, each with file and line. */
  errors: DumpError[];
  /** Objects of kinds a snapshot does not hold, counted by kind. */
  skipped: Record<string, number>;
}

/**
 * Builds a snapshot from parsed dumps. Objects of other kinds are counted, malformed ones
 * become errors, and a later duplicate of (kind, namespace, name) replaces an earlier one.
 */
export function snapshotFromDump(dumps: ParsedDump[], source: SourceInfo): DumpLoad {
  const snapshot = emptySnapshot(source);
  const errors: DumpError[] = dumps.flatMap((d) => d.errors);
  const skipped: Record<string, number> = {};
  const seen = new Map<string, string>();
  let duplicates = 0;
  for (const dump of dumps) {
    for (const { object, file, line } of dump.objects) {
      const kind = typeof object.kind === 'string' ? object.kind : undefined;
      if (!kind) {
        errors.push({ file, line, message: 'object has no kind' });
        continue;
      }
      const meta = (object.metadata ?? {}) as Record<string, unknown>;
      const key = `${kind}/${String(meta.namespace ?? '')}/${String(meta.name ?? '')}`;
      try {
        if (!addObject(snapshot, object)) {
          skipped[kind] = (skipped[kind] ?? 0) + 1;
          continue;
        }
      } catch (err) {
        if (!(err instanceof ConversionError)) throw err;
        errors.push({ file, line, message: `${kind}: ${err.message}` });
        continue;
      }
      if (seen.has(key)) duplicates++;
      seen.set(key, `${file}:${line}`);
    }
  }
  if (duplicates > 0) dedupe(snapshot);
  const skippedTotal = Object.values(skipped).reduce((a, b) => a + b, 0);
  if (skippedTotal > 0) {
    const kinds = Object.entries(skipped)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    snapshot.warnings.push(`Skipped ${skippedTotal} objects of other kinds: ${kinds}.`);
  }
  if (duplicates > 0) {
    snapshot.warnings.push(
      `${duplicates} objects appeared more than once; the last one read was kept.`,
    );
  }
  return { snapshot, errors, skipped };
}

function dedupe(s: RbacSnapshot): void {
  const last = <T>(items: T[], key: (t: T) => string): T[] => [
    ...new Map(items.map((t) => [key(t), t] as const)).values(),
  ];
  const ns = (t: { namespace: string; name: string }) => `${t.namespace}/${t.name}`;
  const name = (t: { name: string }) => t.name;
  s.namespaces = last(s.namespaces, name);
  s.serviceAccounts = last(s.serviceAccounts, ns);
  s.roles = last(s.roles, ns);
  s.clusterRoles = last(s.clusterRoles, name);
  s.roleBindings = last(s.roleBindings, ns);
  s.clusterRoleBindings = last(s.clusterRoleBindings, name);
  s.pods = last(s.pods, ns);
}
