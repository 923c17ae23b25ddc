import 'server-only';
import { stat } from 'node:fs/promises';
import { Authorizer } from '../rbac/authorizer';
import { emptySnapshot, type RbacSnapshot } from '../rbac/types';
import { listDumpFiles } from '../sources/file-source';
import { loadSource, type SourceLoad } from '../sources/load-source';
import type { DumpError } from '../sources/parse-dump';
import type { DumpLoad } from '../sources/snapshot-from-dump';
import { ConfigError, parseSourceConfig, type SourceConfig } from './source-config';

/** What the pages show about where the data comes from. */
export interface Banner {
  tone: 'info' | 'warning' | 'error';
  text: string;
}

/** One consistent view: a snapshot, its authorizer (built once per version) and its problems. */
export interface StoreState {
  version: number;
  snapshot: RbacSnapshot;
  authorizer: Authorizer;
  /** Problems in the source a user must fix (file, line, reason). */
  errors: DumpError[];
  banner?: Banner;
}

/** File sources are re-checked for changes at most this often. */
const RECHECK_MS = 2000;

class SnapshotStore {
  private state: StoreState | undefined;
  private loading: Promise<StoreState> | undefined;
  private fingerprint = '';
  private checkedAt = 0;
  private version = 0;

  constructor(private readonly config: SourceConfig | ConfigError) {}

  async get(): Promise<StoreState> {
    if (!this.state) return (this.loading ??= this.load());
    if (this.config instanceof ConfigError || this.config.kind !== 'file') return this.state;
    if (Date.now() - this.checkedAt < RECHECK_MS) return this.state;
    this.checkedAt = Date.now();
    const fingerprint = await fingerprintOf(this.config.paths);
    if (fingerprint === this.fingerprint) return this.state;
    return (this.loading ??= this.load());
  }

  private async load(): Promise<StoreState> {
    try {
      const config = this.config;
      if (config instanceof ConfigError) {
        return this.publish(failedLoad('file', 'configuration', config.message), {
          tone: 'error',
          text: config.message,
        });
      }
      if (config.kind === 'file') {
        this.fingerprint = await fingerprintOf(config.paths);
        this.checkedAt = Date.now();
      }
      return this.accept(await loadSource(config));
    } finally {
      this.loading = undefined;
    }
  }

  /** A reload with errors keeps the last good snapshot when there is one. */
  private accept(load: SourceLoad): StoreState {
    if (load.errors.length > 0 && this.state) {
      this.state = {
        ...this.state,
        errors: load.errors,
        banner: { tone: 'error', text: `${load.notice?.text} — still showing the last good data.` },
      };
      return this.state;
    }
    return this.publish(load, load.notice);
  }

  private publish(load: DumpLoad, banner?: Banner): StoreState {
    const state: StoreState = {
      version: ++this.version,
      snapshot: load.snapshot,
      authorizer: new Authorizer(load.snapshot),
      errors: load.errors,
    };
    if (banner) state.banner = banner;
    this.state = state;
    return state;
  }
}

function failedLoad(kind: 'file', name: string, message: string): DumpLoad {
  return {
    snapshot: emptySnapshot({ kind, name, fetchedAt: new Date().toISOString() }),
    errors: [{ file: name, message }],
    skipped: {},
  };
}

/** Paths, sizes and modification times of every dump file: changes when any file does. */
async function fingerprintOf(paths: string[]): Promise<string> {
  const parts: string[] = [];
  for (const p of paths) {
    try {
      for (const file of await listDumpFiles(p)) {
        const s = await stat(file);
        parts.push(`${file}:${s.size}:${s.mtimeMs}`);
      }
    } catch {
      parts.push(`${p}:missing`);
    }
  }
  return parts.join('|');
}

function createStore(): SnapshotStore {
  let config: SourceConfig | ConfigError;
  try {
    config = parseSourceConfig(process.env.RBAC_SOURCE);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    config = err;
  }
  return new SnapshotStore(config);
}

// One store per server process, even when Next loads this module in several bundles.
const globalStore = globalThis as typeof globalThis & { __rbacExplorerStore?: SnapshotStore };

/** The current data, its authorizer and its problems. */
export function getState(): Promise<StoreState> {
  globalStore.__rbacExplorerStore ??= createStore();
  return globalStore.__rbacExplorerStore.get();
}
