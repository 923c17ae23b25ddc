import 'server-only';
import { KubeClient, KubeError } from '../kube/kube-client';
import { KubeConfigError, loadKubeConfig, type KubeConfigChoice } from '../kube/kubeconfig';
import { ClusterSource, type ClusterScope } from '../sources/cluster-source';

export interface ClusterConnection {
  client: KubeClient;
  source: ClusterSource;
  context: string;
  contexts: string[];
}

/** Why no cluster is used, in words for the banner. */
export interface NoCluster {
  reason: string;
  contexts: string[];
  /** The cluster answered the probe, but its credentials may not list ClusterRoleBindings. */
  forbidden?: boolean;
}

const PROBE_TIMEOUT_MS = 3000;

/**
 * Connects to the cluster of a kubeconfig context. With `probe`, the cluster must first answer
 * a small RBAC list within a few seconds, or the reason it did not is returned instead (for
 * the default source, which then shows the demo). Without it, an unreachable cluster is still
 * used: its kinds carry warnings and it recovers by itself.
 */
export async function connectCluster(
  choice: KubeConfigChoice,
  options: { probe: boolean; watch: boolean; scope?: ClusterScope; onChange?: () => void },
): Promise<ClusterConnection | NoCluster> {
  let loaded;
  try {
    loaded = loadKubeConfig(choice);
  } catch (err) {
    if (err instanceof KubeConfigError) return { reason: err.message, contexts: [] };
    throw err;
  }
  if (!loaded) return { reason: 'no kubeconfig found', contexts: [] };
  const client = new KubeClient(loaded.kc);
  if (options.probe) {
    try {
      await client.request('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings?limit=1', {
        timeoutMs: PROBE_TIMEOUT_MS,
      });
    } catch (err) {
      if (!(err instanceof KubeError)) throw err;
      const why =
        err.status === 0 && err.reason === 'Unauthorized'
          ? `cluster ${loaded.context} cannot be asked: ${err.message}`
          : err.reason === 'Forbidden' || err.reason === 'Unauthorized'
            ? `cluster ${loaded.context} refused to list RBAC (${err.reason.toLowerCase()})`
            : `cluster ${loaded.context} is unreachable (${err.message})`;
      const none: NoCluster = { reason: why, contexts: loaded.contexts };
      if (err.reason === 'Forbidden') none.forbidden = true;
      return none;
    }
  }
  const source = new ClusterSource(client, loaded.context, options.onChange, options.scope);
  if (options.watch) await source.start();
  else await source.load();
  return { client, source, context: loaded.context, contexts: loaded.contexts };
}
