import 'server-only';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';

/** Where the in-cluster ServiceAccount token, CA and namespace are mounted. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface KubeConfigChoice {
  /** A kubeconfig file (`--kubeconfig`); otherwise KUBECONFIG, then ~/.kube/config, then in-cluster. */
  kubeconfig?: string;
  /** A context name (`--context`); otherwise the current context. */
  context?: string;
}

export interface LoadedKubeConfig {
  kc: KubeConfig;
  /** The context in use, or "in-cluster". */
  context: string;
  /** Every context of the kubeconfig, for a picker. */
  contexts: string[];
  /** Where the configuration came from, in words. */
  from: string;
}

export class KubeConfigError extends Error {}

/**
 * Why a kubeconfig could not be read, without its contents: a YAML parser's message quotes the
 * lines around the fault, which may hold a token or a key, and this message reaches the page.
 */
function whyUnreadable(err: unknown): string {
  const yaml = err as { reason?: unknown; mark?: { line?: unknown } };
  if (typeof yaml.reason === 'string' && typeof yaml.mark?.line === 'number') {
    return `not valid YAML at line ${yaml.mark.line + 1} (${yaml.reason})`;
  }
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
  return first.length > 160 ? `${first.slice(0, 160)}…` : first;
}

/**
 * Loads a kubeconfig the way kubectl finds one, or the in-cluster configuration. Never falls
 * back to localhost:8080: with nothing configured it returns undefined, so callers can say so.
 */
export function loadKubeConfig(choice: KubeConfigChoice = {}): LoadedKubeConfig | undefined {
  const files = choice.kubeconfig
    ? [choice.kubeconfig]
    : process.env.KUBECONFIG
      ? process.env.KUBECONFIG.split(path.delimiter).filter(Boolean)
      : [path.join(os.homedir(), '.kube', 'config')];
  const existing = files.filter((f) => existsSync(f));
  if (choice.kubeconfig && existing.length === 0) {
    throw new KubeConfigError(`kubeconfig ${choice.kubeconfig} does not exist`);
  }
  if (existing.length > 0) {
    const kc = new KubeConfig();
    try {
      // The first file wins for each name, as kubectl merges KUBECONFIG.
      kc.loadFromFile(existing[0]!);
      for (const extra of existing.slice(1)) {
        const more = new KubeConfig();
        more.loadFromFile(extra);
        for (const c of more.clusters) if (!kc.getCluster(c.name)) kc.addCluster(c);
        for (const u of more.users) if (!kc.getUser(u.name)) kc.addUser(u);
        for (const x of more.contexts) if (!kc.getContextObject(x.name)) kc.addContext(x);
      }
    } catch (err) {
      throw new KubeConfigError(`cannot read kubeconfig ${existing[0]}: ${whyUnreadable(err)}`);
    }
    const contexts = kc.getContexts().map((c) => c.name);
    if (choice.context) {
      if (!contexts.includes(choice.context)) {
        throw new KubeConfigError(`context ${choice.context} is not in ${existing.join(', ')}`);
      }
      kc.setCurrentContext(choice.context);
    }
    const context = kc.getCurrentContext();
    if (!context || !kc.getCurrentCluster()) {
      throw new KubeConfigError(`kubeconfig ${existing[0]} has no current context; pick one`);
    }
    return { kc, context, contexts, from: existing.join(path.delimiter) };
  }
  if (
    process.env.KUBERNETES_SERVICE_HOST &&
    process.env.KUBERNETES_SERVICE_PORT &&
    existsSync(path.join(SERVICE_ACCOUNT_DIR, 'token'))
  ) {
    const kc = new KubeConfig();
    kc.loadFromCluster();
    return {
      kc,
      context: 'in-cluster',
      contexts: ['in-cluster'],
      from: 'in-cluster ServiceAccount',
    };
  }
  return undefined;
}
