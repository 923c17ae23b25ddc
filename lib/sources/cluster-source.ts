import 'server-only';
import { setMaxListeners } from 'node:events';
import { KubeError, type KubeClient } from '../kube/kube-client';
import { emptySnapshot, type RbacSnapshot } from '../rbac/types';
import { addObject, ConversionError } from './convert-objects';

type Raw = Record<string, unknown>;

interface Kind {
  kind: string;
  plural: string;
  path: string;
  /** Keeps only what the dashboard needs of an object (pods are many and large). */
  trim?: (o: Raw) => Raw;
}

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const KINDS: Kind[] = [
  { kind: 'Namespace', plural: 'namespaces', path: '/api/v1/namespaces' },
  { kind: 'ServiceAccount', plural: 'serviceaccounts', path: '/api/v1/serviceaccounts' },
  { kind: 'ClusterRole', plural: 'clusterroles', path: `${RBAC}/clusterroles` },
  { kind: 'Role', plural: 'roles', path: `${RBAC}/roles` },
  {
    kind: 'ClusterRoleBinding',
    plural: 'clusterrolebindings',
    path: `${RBAC}/clusterrolebindings`,
  },
  { kind: 'RoleBinding', plural: 'rolebindings', path: `${RBAC}/rolebindings` },
  {
    kind: 'Pod',
    plural: 'pods',
    path: '/api/v1/pods',
    trim: (o) => {
      const meta = (o.metadata ?? {}) as Raw;
      const spec = (o.spec ?? {}) as Raw;
      return {
        metadata: {
          name: meta.name,
          namespace: meta.namespace,
          resourceVersion: meta.resourceVersion,
          ownerReferences: meta.ownerReferences,
        },
        spec: { serviceAccountName: spec.serviceAccountName },
      };
    },
  },
];

/** What to read: every kind, or less for an answer that needs less (the CLI's one question). */
export interface ClusterScope {
  /** false: skip Pods, for answers that never mention them. */
  pods?: boolean;
  /**
   * Only what can grant something in this namespace: its Roles and RoleBindings, and every
   * ClusterRole and ClusterRoleBinding (no Namespaces, ServiceAccounts or Pods).
   */
  namespace?: string;
}

function kindsFor(scope: ClusterScope): Kind[] {
  if (scope.namespace) {
    const ns = encodeURIComponent(scope.namespace);
    return KINDS.filter((k) => k.path.startsWith(RBAC)).map((k) =>
      k.kind === 'Role' || k.kind === 'RoleBinding'
        ? { ...k, path: `${RBAC}/namespaces/${ns}/${k.plural}` }
        : k,
    );
  }
  return scope.pods === false ? KINDS.filter((k) => k.kind !== 'Pod') : KINDS;
}

const PAGE_SIZE = 500;
const WATCH_SECONDS = 300;
const MAX_BACKOFF_MS = 30_000;

interface KindState {
  objects: Map<string, Raw>;
  resourceVersion?: string;
  /** Why this kind's data is missing or stale, in words. */
  warning?: string;
  listed: boolean;
}

const keyOf = (o: Raw) => {
  const meta = (o.metadata ?? {}) as Raw;
  return `${String(meta.namespace ?? '')}/${String(meta.name ?? '')}`;
};

function describeFailure(plural: string, err: unknown): string {
  if (err instanceof KubeError) {
    if (err.reason === 'Forbidden') return `cannot list ${plural}: forbidden`;
    if (err.reason === 'Unauthorized')
      return `cannot list ${plural}: unauthorized (the credentials were refused)`;
    if (err.reason === 'Timeout' || err.reason === 'Unreachable')
      return `cannot list ${plural}: ${err.message}`;
    return `cannot list ${plural}: ${err.message}`;
  }
  return `cannot list ${plural}: ${(err as Error).message}`;
}

/**
 * The live cluster: paged lists of the kinds the dashboard needs, kept fresh by one
 * long-lived watch per kind (relisting on 410 Gone, reconnecting with backoff). A kind that
 * cannot be read keeps its last good objects and carries a warning; the rest still works.
 */
export class ClusterSource {
  /** The kinds read, and where (see ClusterScope). */
  private readonly kinds: Kind[];
  private readonly state: Map<string, KindState>;
  private readonly abort = new AbortController();
  private cached: RbacSnapshot | undefined;
  private changedAt = new Date();

  constructor(
    private readonly client: KubeClient,
    readonly context: string,
    private readonly onChange: () => void = () => {},
    scope: ClusterScope = {},
  ) {
    this.kinds = kindsFor(scope);
    this.state = new Map(this.kinds.map((k) => [k.kind, { objects: new Map(), listed: false }]));
    // Every list and watch listens to the one abort signal.
    setMaxListeners(64, this.abort.signal);
  }

  /** How many kinds are read. */
  get kindCount(): number {
    return this.kinds.length;
  }

  /** Lists everything once, in parallel (the CLI stops here). */
  async load(): Promise<void> {
    await Promise.all(this.kinds.map((k) => this.list(k)));
    this.changed();
  }

  /** Lists everything, then keeps it fresh in the background until stop(). */
  async start(): Promise<void> {
    await this.load();
    for (const k of this.kinds) void this.watchLoop(k);
  }

  stop(): void {
    this.abort.abort();
  }

  /** The current data as a snapshot; rebuilt only after a change. */
  snapshot(): RbacSnapshot {
    if (this.cached) return this.cached;
    const rvs = this.kinds
      .map((k) => this.state.get(k.kind)!.resourceVersion)
      .filter(Boolean) as string[];
    const s = emptySnapshot({
      kind: 'cluster',
      name: this.context,
      fetchedAt: this.changedAt.toISOString(),
      resourceVersion: rvs.sort((a, b) => Number(b) - Number(a))[0],
    });
    for (const k of this.kinds) {
      const st = this.state.get(k.kind)!;
      if (st.warning) s.warnings.push(st.warning);
      for (const o of st.objects.values()) {
        try {
          addObject(s, { ...o, kind: k.kind });
        } catch (err) {
          if (!(err instanceof ConversionError)) throw err;
          s.warnings.push(`${k.kind} ${keyOf(o)} was skipped: ${err.message}`);
        }
      }
    }
    this.cached = s;
    return s;
  }

  private changed(): void {
    this.cached = undefined;
    this.changedAt = new Date();
    this.onChange();
  }

  private async list(k: Kind): Promise<boolean> {
    const st = this.state.get(k.kind)!;
    try {
      const objects = new Map<string, Raw>();
      let token: string | undefined;
      let resourceVersion: string | undefined;
      do {
        const page = await this.client.request<{
          items: Raw[];
          metadata: { continue?: string; resourceVersion?: string };
        }>(`${k.path}?limit=${PAGE_SIZE}${token ? `&continue=${encodeURIComponent(token)}` : ''}`, {
          signal: this.abort.signal,
        });
        for (const item of page.items ?? []) objects.set(keyOf(item), k.trim ? k.trim(item) : item);
        token = page.metadata?.continue || undefined;
        resourceVersion = page.metadata?.resourceVersion;
      } while (token);
      st.objects = objects;
      st.resourceVersion = resourceVersion;
      st.warning = undefined;
      st.listed = true;
      return true;
    } catch (err) {
      // Keep the last good objects of this kind.
      st.warning = describeFailure(k.plural, err);
      return false;
    }
  }

  private async watchLoop(k: Kind): Promise<void> {
    const st = this.state.get(k.kind)!;
    let backoff = 1000;
    while (!this.abort.signal.aborted) {
      let relist = !st.listed;
      if (!relist) {
        try {
          const path = `${k.path}?watch=1&allowWatchBookmarks=true&timeoutSeconds=${WATCH_SECONDS}&resourceVersion=${encodeURIComponent(st.resourceVersion ?? '')}`;
          await this.client.watch(
            path,
            (event) => {
              if (event.type === 'ERROR') {
                const status = event.object as { code?: number; message?: string };
                throw new KubeError(
                  status.message ?? 'watch error',
                  status.code ?? 0,
                  status.code === 410 ? 'Gone' : 'Other',
                );
              }
              const meta = (event.object.metadata ?? {}) as Raw;
              if (typeof meta.resourceVersion === 'string')
                st.resourceVersion = meta.resourceVersion;
              if (event.type === 'BOOKMARK') return;
              if (event.type === 'DELETED') st.objects.delete(keyOf(event.object));
              else
                st.objects.set(keyOf(event.object), k.trim ? k.trim(event.object) : event.object);
              this.changed();
            },
            this.abort.signal,
          );
          backoff = 1000;
          if (st.warning) {
            st.warning = undefined;
            this.changed();
          }
          continue; // the server ended the watch: resume from the last resourceVersion
        } catch (err) {
          if (this.abort.signal.aborted) return;
          relist = true;
          if (!(err instanceof KubeError && err.reason === 'Gone')) {
            st.warning = `${describeFailure(k.plural, err).replace('cannot list', 'lost the watch of')}; retrying`;
            this.changed();
            await sleep(backoff, this.abort.signal);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
          }
        }
      }
      if (relist) {
        const ok = await this.list(k);
        this.changed();
        if (!ok) {
          await sleep(backoff, this.abort.signal);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
