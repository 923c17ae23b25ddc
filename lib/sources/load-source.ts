import 'server-only';
import type { SourceConfig } from '../server/source-config';
import { loadDemoSource } from './demo-source';
import { loadFileSource } from './file-source';
import { formatDumpError } from './parse-dump';
import type { DumpLoad } from './snapshot-from-dump';

/** A loaded source and the one line that tells a reader where the data comes from. */
export interface SourceLoad extends DumpLoad {
  /** Set when the reader should be told something: demo data, or errors reading it. */
  notice?: { tone: 'info' | 'error'; text: string };
}

/** Loads the data of a file or demo configuration: the same for the dashboard and the CLI. */
export async function loadSource(
  config: Extract<SourceConfig, { kind: 'file' | 'demo' }>,
): Promise<SourceLoad> {
  if (config.kind === 'file') {
    const load = await loadFileSource(config.paths, {
      kind: 'file',
      name: config.paths.join(', '),
    });
    const count = load.errors.length;
    if (count === 0) return load;
    const what = count === 1 ? 'A file' : `${count} problems: a file`;
    return {
      ...load,
      notice: {
        tone: 'error',
        text: `${what} could not be read: ${formatDumpError(load.errors[0]!)}`,
      },
    };
  }
  const load = await loadDemoSource();
  return { ...load, notice: { tone: 'info', text: 'Demo data — RBAC_SOURCE=demo' } };
}
