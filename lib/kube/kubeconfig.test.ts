import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeConfigError, loadKubeConfig } from './kubeconfig';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kubeconfig-test-'));
const file = (name: string, contexts: string[], current: string) => {
  const p = path.join(dir, name);
  writeFileSync(
    p,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': current,
      clusters: contexts.map((c) => ({
        name: c,
        cluster: { server: `https://${c}.example:6443` },
      })),
      users: contexts.map((c) => ({ name: c, user: { token: `token-${c}` } })),
      contexts: contexts.map((c) => ({ name: c, context: { cluster: c, user: c } })),
    }),
  );
  return p;
};

describe('loadKubeConfig', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    delete process.env.KUBECONFIG;
    delete process.env.KUBERNETES_SERVICE_HOST;
    delete process.env.KUBERNETES_SERVICE_PORT;
    process.env.HOME = path.join(dir, 'empty-home');
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('finds nothing, rather than falling back to localhost:8080', () => {
    expect(loadKubeConfig()).toBeUndefined();
  });

  it('does not take in-cluster variables without a mounted token', () => {
    process.env.KUBERNETES_SERVICE_HOST = '10.0.0.1';
    process.env.KUBERNETES_SERVICE_PORT = '443';
    expect(loadKubeConfig()).toBeUndefined();
  });

  it('reads KUBECONFIG, merging files with the first one winning', () => {
    process.env.KUBECONFIG = [
      file('a', ['one', 'two'], 'two'),
      file('b', ['two', 'three'], 'three'),
    ].join(path.delimiter);
    const loaded = loadKubeConfig()!;
    expect(loaded.context).toBe('two');
    expect(loaded.contexts).toEqual(['one', 'two', 'three']);
    expect(loaded.kc.getCurrentCluster()!.server).toBe('https://two.example:6443');
  });

  it('honours --kubeconfig and --context', () => {
    const loaded = loadKubeConfig({ kubeconfig: file('c', ['x', 'y'], 'x'), context: 'y' })!;
    expect(loaded.context).toBe('y');
    expect(loaded.kc.getCurrentCluster()!.server).toBe('https://y.example:6443');
  });

  it('says where a kubeconfig is not YAML, without quoting it (it may hold a token)', () => {
    const bad = path.join(dir, 'bad-kubeconfig');
    writeFileSync(
      bad,
      'apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: SUPER-SECRET-TOKEN\n    x: [unclosed\n',
    );
    let message = '';
    try {
      loadKubeConfig({ kubeconfig: bad });
    } catch (err) {
      expect(err).toBeInstanceOf(KubeConfigError);
      message = (err as Error).message;
    }
    expect(message).toMatch(
      /^cannot read kubeconfig .*bad-kubeconfig: not valid YAML at line \d+ \(/,
    );
    expect(message).not.toContain('SUPER-SECRET-TOKEN');
    expect(message).not.toContain('\n');
  });

  it('reports a missing file or context clearly', () => {
    expect(() => loadKubeConfig({ kubeconfig: path.join(dir, 'nope') })).toThrow(KubeConfigError);
    expect(() => loadKubeConfig({ kubeconfig: file('d', ['x'], 'x'), context: 'zzz' })).toThrow(
      /context zzz is not in/,
    );
  });
});
