import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SnapshotStore } from './snapshot-store';

const dir = mkdtempSync(path.join(os.tmpdir(), 'snapshot-store-test-'));

/** Writes a file with a modification time `ageS` seconds ahead, so the store sees a change. */
function write(file: string, text: string, ageS: number) {
  writeFileSync(file, text);
  const t = new Date(Date.now() + ageS * 1000);
  utimesSync(file, t, t);
}

describe('SnapshotStore on a file source', () => {
  it('keeps the last good data when the file is emptied, and takes the next good one', async () => {
    const file = path.join(dir, 'rbac.yaml');
    write(file, 'kind: Namespace\nmetadata: {name: team-a}\n', 0);
    const store = new SnapshotStore({ kind: 'file', paths: [file] }, 0);
    const first = await store.get();
    expect(first.snapshot.namespaces.map((n) => n.name)).toEqual(['team-a']);

    write(file, '', 5);
    const emptied = await store.get();
    expect(emptied.snapshot.namespaces.map((n) => n.name)).toEqual(['team-a']);
    expect(emptied.banner).toEqual({
      tone: 'warning',
      text: 'The dump files now hold no RBAC objects — still showing the last good data.',
    });

    write(file, 'kind: Namespace\nmetadata: {name: team-b}\n', 10);
    const next = await store.get();
    expect(next.snapshot.namespaces.map((n) => n.name)).toEqual(['team-b']);
    expect(next.banner).toBeUndefined();
  });
});
