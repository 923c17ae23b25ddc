import type { GraphModel } from '@/lib/graph/model';

/** Marks the page's `<link rel="preload" as="fetch">` of the graph model. */
export const MODEL_PRELOAD_ATTR = 'data-graph-model';

/**
 * Fetches the graph model at `url` (`GET /api/graph?…`). The request has the same mode and
 * credentials as the page's preload link, so the browser answers it with the preloaded response.
 */
export async function fetchModel(url: string, signal?: AbortSignal): Promise<GraphModel> {
  const res = await fetch(url, signal ? { signal } : {});
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `${res.status} ${res.statusText}`);
  }
  const model = (await res.json()) as GraphModel;
  performance.mark('graph:model-parsed');
  return model;
}

/**
 * The request started when this module was first evaluated, as React begins to hydrate the
 * page's content: it takes over the preloaded response, and the model's JSON is read while React
 * hydrates, not after the explorer's effects have run.
 */
let early: { url: string; promise: Promise<GraphModel> } | undefined;

if (typeof document !== 'undefined') {
  const href = document.querySelector(`link[${MODEL_PRELOAD_ATTR}]`)?.getAttribute('href');
  if (href) {
    const promise = fetchModel(href);
    // Handled by whoever takes it; not an unhandled rejection meanwhile.
    promise.catch(() => {});
    early = { url: href, promise };
  }
}

/**
 * The model at `url`: the early request when it asked for the same URL (once: a later visit
 * fetches again, as the data may have changed), else a new request.
 */
export function requestModel(url: string, signal: AbortSignal): Promise<GraphModel> {
  if (early?.url === url) {
    const { promise } = early;
    early = undefined;
    return promise;
  }
  early = undefined;
  return fetchModel(url, signal);
}
