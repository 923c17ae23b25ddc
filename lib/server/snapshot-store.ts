import 'server-only';
import { stat } from 'node:fs/promises';
import { Authorizer } from '../rbac/authorizer';
import { totalObjects } from '../rbac/subjects';
import { emptySnapshot, type RbacSnapshot } from '../rbac/types';
import { listDumpFiles } from '../sources/file-source';
import { loadSource, type SourceLoad } from '../sources/load-source';
import type { DumpError } from '../sources/parse-dump';
import { connectCluster, type ClusterConnection } from './cluster-connection';
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
  /** Set when the data comes from a live cluster. */
  cluster?: ClusterConnection;
  /** Kubeconfig contexts that can be switched to. */
  contexts: string[];
}

/** A context that cannot be switched to: unreachable, refusing to list RBAC, no credentials. */
export class ContextSwitchError extends Error {}

/** File sources are re-checked for changes at most this often. */
const RECHECK_MS = 2000;
/** Showing the demo because the current context did not answer, it is asked again this often. */
const AUTO_RETRY_MS = 30_000;

export class SnapshotStore {
  private state: StoreState | undefined;
  private loading: Promise<StoreState> | undefined;
  private fingerprint = '';
  private checkedAt = 0;
  private version = 0;
  private clusterDirty = false;
  /** An uploaded dump shown instead of the configured source until cleared. */
  private upload: StoreState | undefined;
  /** In auto mode, showing the demo: when the context was last asked, and the asking under way. */
  private fallback: { askedAt: number; asking?: Promise<void> } | undefined;
  private closed = false;
  /** Context switches run one after another, in the order asked. */
  private switching: Promise<unknown> = Promise.resolve();
  /** Why the last switch of context failed: shown until another source is shown. */
  private switchNote: Banner | undefined;
  /** The banner of the source shown, without the note. */
  private sourceBanner: Banner | undefined;

  constructor(
    private readonly config: SourceConfig | ConfigError,
    private readonly recheckMs = RECHECK_MS,
    private readonly retryMs = AUTO_RETRY_MS,
  ) {}

  async get(): Promise<StoreState> {
    if (this.upload) return this.upload;
    if (!this.state) return (this.loading ??= this.load());
    if (this.state.cluster) {
      if (this.clusterDirty) this.rebuildFromCluster(this.state.cluster);
      return this.state;
    }
    // The cluster may answer now (a VPN up, a cluster started): asked in the background, the
    // demo meanwhile; once it answers, it is shown from the next request on.
    const fallback = this.fallback;
    if (fallback && !fallback.asking && Date.now() - fallback.askedAt >= this.retryMs) {
      fallback.asking = this.askCluster().finally(() => {
        fallback.asking = undefined;
        fallback.askedAt = Date.now();
      });
    }
    if (this.config instanceof ConfigError || this.config.kind !== 'file') return this.state;
    if (Date.now() - this.checkedAt < this.recheckMs) return this.state;
    this.checkedAt = Date.now();
    const fingerprint = await fingerprintOf(this.config.paths);
    if (fingerprint === this.fingerprint) return this.state;
    return (this.loading ??= this.load());
  }

  /** Shows an uploaded dump until clearUpload(). */
  setUpload(load: Omit<SourceLoad, 'notice'>): StoreState {
    const state: StoreState = {
      version: ++this.version,
      snapshot: load.snapshot,
      authorizer: new Authorizer(load.snapshot),
      errors: load.errors,
      contexts: [],
      banner: {
        tone: 'warning',
        text: `Uploaded dump: ${load.snapshot.source.name} — clear it to return to the live source.`,
      },
    };
    this.upload = state;
    return state;
  }

  /** Returns to the configured source. */
  clearUpload(): void {
    if (this.upload) this.version++;
    this.upload = undefined;
  }

  /**
   * Shows another context of the kubeconfig, once its cluster has answered a probe. One that
   * cannot be reached, refuses the credentials or may list no RBAC kind changes nothing but the
   * banner: the data and the context shown stay, watched as before, and a ContextSwitchError
   * says why. One that may list some RBAC kinds is shown with a partial-data banner.
   */
  switchContext(context: string): Promise<StoreState> {
    const done = this.switching.then(() => this.connectTo(context));
    this.switching = done.catch(() => undefined);
    return done;
  }

  private async connectTo(context: string): Promise<StoreState> {
    const shown = this.state ?? (await (this.loading ??= this.load()));
    const options = { watch: true, onChange: () => (this.clusterDirty = true) };
    let connection = await connectCluster({ context }, { ...options, probe: true });
    // Credentials that may not list ClusterRoleBindings may list the other RBAC kinds: that
    // context is shown, with a partial-data banner, unless it can list none of them.
    if (!('source' in connection) && connection.forbidden) {
      const partial = await connectCluster({ context }, { ...options, probe: false });
      if ('source' in partial && readsNoRbac(partial.source.snapshot())) partial.source.stop();
      else connection = partial;
    }
    if (!('source' in connection)) {
      const what = shown.cluster
        ? `context ${shown.cluster.context}`
        : `the ${shown.snapshot.source.kind} data`;
      const error = new ContextSwitchError(
        `Cannot switch to context ${context}: ${connection.reason} — still showing ${what}.`,
      );
      this.switchNote = { tone: 'error', text: error.message };
      this.state = { ...this.state!, banner: this.noted(this.sourceBanner) };
      throw error;
    }
    if (this.closed) {
      connection.source.stop();
      throw new ContextSwitchError('The dashboard is shutting down.');
    }
    this.state?.cluster?.source.stop();
    // Chosen by the user: the current context, asked again in auto mode, must not replace it.
    this.fallback = undefined;
    this.switchNote = undefined;
    return this.rebuildFromCluster(connection);
  }

  /** Stops background work (watches, asking the cluster again). */
  close(): void {
    this.closed = true;
    this.state?.cluster?.source.stop();
  }

  private async load(): Promise<StoreState> {
    try {
      const config = this.config;
      if (config instanceof ConfigError) {
        return this.publish(
          {
            snapshot: emptySnapshot({
              kind: 'file',
              name: 'configuration',
              fetchedAt: new Date().toISOString(),
            }),
            errors: [{ file: 'RBAC_SOURCE', message: config.message }],
            skipped: {},
          },
          { tone: 'error', text: config.message },
        );
      }
      if (config.kind === 'auto' || config.kind === 'cluster') {
        const connection = await connectCluster(
          { context: config.kind === 'cluster' ? config.context : undefined },
          {
            probe: config.kind === 'auto',
            watch: true,
            onChange: () => (this.clusterDirty = true),
          },
        );
        if ('source' in connection) return this.rebuildFromCluster(connection);
        if (config.kind === 'cluster') {
          return this.publish(
            { snapshot: clusterPlaceholder(), errors: [], skipped: {} },
            { tone: 'error', text: `Cannot use the cluster: ${connection.reason}` },
            connection.contexts,
          );
        }
        const demo = await loadSource({ kind: 'demo' });
        this.fallback = { askedAt: Date.now() };
        return this.publish(
          demo,
          { tone: 'info', text: `Demo data — ${connection.reason}` },
          connection.contexts,
        );
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

  /** Asks the current context again, in auto mode; shows it when it answers. */
  private async askCluster(): Promise<void> {
    const connection = await connectCluster(
      {},
      { probe: true, watch: true, onChange: () => (this.clusterDirty = true) },
    ).catch(() => undefined);
    if (!connection || !('source' in connection)) return;
    // Closed, or another context was switched to meanwhile: that one stays.
    if (this.closed || !this.fallback) {
      connection.source.stop();
      return;
    }
    this.fallback = undefined;
    this.switchNote = undefined;
    this.rebuildFromCluster(connection);
  }

  private rebuildFromCluster(cluster: ClusterConnection): StoreState {
    this.clusterDirty = false;
    const snapshot = cluster.source.snapshot();
    const state: StoreState = {
      version: ++this.version,
      snapshot,
      authorizer: new Authorizer(snapshot),
      errors: [],
      cluster,
      contexts: cluster.contexts,
    };
    this.sourceBanner = undefined;
    if (snapshot.warnings.some((w) => w.startsWith('cannot') || w.startsWith('lost'))) {
      this.sourceBanner = {
        tone: 'warning',
        text: `Partial data from ${cluster.context}: ${snapshot.warnings.filter((w) => w.startsWith('cannot') || w.startsWith('lost')).join('; ')}`,
      };
    }
    const banner = this.noted(this.sourceBanner);
    if (banner) state.banner = banner;
    this.state = state;
    return state;
  }

  /** A source's banner, after the note of a failed switch when there is one. */
  private noted(banner: Banner | undefined): Banner | undefined {
    if (!this.switchNote) return banner;
    if (!banner) return this.switchNote;
    return { tone: 'error', text: `${this.switchNote.text} ${banner.text}` };
  }

  /**
   * A reload with errors keeps the last good snapshot when there is one; so does a reload that
   * finds no RBAC objects at all where there were some (a file being rewritten, emptied first).
   */
  private accept(load: SourceLoad): StoreState {
    if (load.errors.length > 0 && this.state) {
      this.state = {
        ...this.state,
        errors: load.errors,
        banner: { tone: 'error', text: `${load.notice?.text} — still showing the last good data.` },
      };
      return this.state;
    }
    if (this.state && totalObjects(load.snapshot) === 0 && totalObjects(this.state.snapshot) > 0) {
      this.state = {
        ...this.state,
        banner: {
          tone: 'warning',
          text: 'The dump files now hold no RBAC objects — still showing the last good data.',
        },
      };
      return this.state;
    }
    return this.publish(load, load.notice);
  }

  private publish(
    load: Omit<SourceLoad, 'notice'>,
    banner?: Banner,
    contexts: string[] = [],
  ): StoreState {
    const state: StoreState = {
      version: ++this.version,
      snapshot: load.snapshot,
      authorizer: new Authorizer(load.snapshot),
      errors: load.errors,
      contexts,
    };
    this.sourceBanner = banner;
    const shown = this.noted(banner);
    if (shown) state.banner = shown;
    this.state = state;
    return state;
  }
}

function clusterPlaceholder(): RbacSnapshot {
  return emptySnapshot({
    kind: 'cluster',
    name: 'no cluster',
    fetchedAt: new Date().toISOString(),
  });
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

/** Builds a store for a configuration; a configuration error becomes an error banner. */
export function createStore(value: string | undefined): SnapshotStore {
  let config: SourceConfig | ConfigError;
  try {
    config = parseSourceConfig(value);
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
  return store().get();
}

function store(): SnapshotStore {
  globalStore.__rbacExplorerStore ??= createStore(process.env.RBAC_SOURCE);
  return globalStore.__rbacExplorerStore;
}

/** Shows an uploaded dump instead of the configured source, until clearUpload(). */
export function setUpload(load: Omit<SourceLoad, 'notice'>): StoreState {
  return store().setUpload(load);
}

export function clearUpload(): void {
  store().clearUpload();
}

/**
 * Switches the dashboard to another kubeconfig context once it answers, stopping the current
 * watches; throws a ContextSwitchError, keeping the data shown, when it does not.
 */
export function switchContext(context: string): Promise<StoreState> {
  return store().switchContext(context);
}

const RBAC_PLURALS = ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'];

/** Whether a cluster's snapshot could list none of the RBAC kinds. */
function readsNoRbac(snapshot: RbacSnapshot): boolean {
  return RBAC_PLURALS.every((p) =>
    snapshot.warnings.some((w) => w.startsWith(`cannot list ${p}:`)),
  );
}
