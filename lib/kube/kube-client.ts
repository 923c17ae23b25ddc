import 'server-only';
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node/dist/config.js';

/** A failed API call, with what a user needs to act on it. */
export class KubeError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached or did not answer in time. */
    readonly status: number,
    readonly reason:
      'Forbidden' | 'Unauthorized' | 'Gone' | 'NotFound' | 'Unreachable' | 'Timeout' | 'Other',
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function reasonOf(status: number): KubeError['reason'] {
  if (status === 403) return 'Forbidden';
  if (status === 401) return 'Unauthorized';
  if (status === 410) return 'Gone';
  if (status === 404) return 'NotFound';
  return 'Other';
}

/** A URL without its user name and password, for messages; other text as it is. */
export function withoutUserInfo(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/**
 * A small client for the few calls the dashboard makes: JSON requests with a timeout on every
 * call, and long-lived watch streams. Authentication comes from the kubeconfig (certificates,
 * tokens, exec plugins), applied per request so refreshed tokens are used.
 */
export class KubeClient {
  readonly server: string;
  /** The server as messages name it: without a user name or password its URL may hold. */
  private readonly named: string;

  constructor(readonly kc: KubeConfig) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new KubeError('the kubeconfig has no current cluster', 0, 'Other');
    this.server = cluster.server.replace(/\/+$/, '');
    this.named = withoutUserInfo(this.server);
  }

  private async open(path: string, options: RequestOptions): Promise<http.IncomingMessage> {
    const opts: https.RequestOptions = { headers: {} };
    try {
      await this.kc.applyToHTTPSOptions(opts);
    } catch (err) {
      // An exec credential plugin that fails (an expired sign-on), a certificate file gone.
      const why = (err instanceof Error ? err.message : String(err)).trim().split('\n')[0]!;
      throw new KubeError(
        `no credentials for ${this.named}: ${why.length > 160 ? `${why.slice(0, 160)}…` : why}`,
        0,
        'Unauthorized',
      );
    }
    const url = new URL(this.server + path);
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = {
      ...(opts.headers as Record<string, string>),
      Accept: 'application/json',
    };
    if (body) headers['Content-Type'] = 'application/json';
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const lib = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const req = lib.request(
        url,
        { ...opts, method: options.method ?? 'GET', headers, signal: options.signal },
        (res) => {
          const status = res.statusCode ?? 0;
          // The answer has come: the timer is done (a body has its own, a stream none).
          clearTimeout(timer);
          if (status >= 200 && status < 300) {
            resolve(res);
            return;
          }
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d.length + text.length < 64_000 ? d : ''));
          res.on('end', () => {
            let message = text.trim() || res.statusMessage || `HTTP ${status}`;
            try {
              message = (JSON.parse(text) as { message?: string }).message ?? message;
            } catch {
              // not a Status object
            }
            reject(new KubeError(message, status, reasonOf(status)));
          });
        },
      );
      // Covers connecting and the response's headers.
      const timer = setTimeout(() => {
        req.destroy(
          new KubeError(`no answer from ${this.named} within ${timeoutMs / 1000} s`, 0, 'Timeout'),
        );
      }, timeoutMs);
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(
          err instanceof KubeError
            ? err
            : new KubeError(
                `cannot reach ${this.named}: ${(err as Error).message}`,
                0,
                'Unreachable',
              ),
        );
      });
      req.end(body);
    });
  }

  /** One JSON request; non-2xx answers become KubeErrors. */
  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const res = await this.open(path, options);
    return new Promise<T>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const timer = setTimeout(() => {
        res.destroy();
        reject(
          new KubeError(
            `the answer from ${this.named} did not finish within ${timeoutMs / 1000} s`,
            0,
            'Timeout',
          ),
        );
      }, timeoutMs);
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(
          new KubeError(`connection to ${this.named} broke: ${err.message}`, 0, 'Unreachable'),
        );
      });
      res.on('end', () => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T);
        } catch {
          reject(new KubeError(`${this.named} answered something that is not JSON`, 0, 'Other'));
        }
      });
    });
  }

  /**
   * Streams a watch: calls `onEvent` for each event until the server closes the stream, the
   * signal aborts, or an error occurs (the returned promise settles then). `timeoutMs` bounds
   * connecting and the response's headers only: a quiet watch stays open.
   */
  async watch(
    path: string,
    onEvent: (event: { type: string; object: Record<string, unknown> }) => void,
    signal: AbortSignal,
    timeoutMs?: number,
  ): Promise<void> {
    const res = await this.open(path, { signal, ...(timeoutMs ? { timeoutMs } : {}) });
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (!line) continue;
          try {
            onEvent(JSON.parse(line) as { type: string; object: Record<string, unknown> });
          } catch (err) {
            res.destroy();
            reject(err);
            return;
          }
        }
      });
      res.on('end', () => resolve());
      res.on('error', (err) => (signal.aborted ? resolve() : reject(err)));
      res.on('close', () => resolve());
    });
  }
}
