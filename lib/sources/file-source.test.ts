import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDumpFiles, loadFileSource } from './file-source';

describe('listDumpFiles', () => {
  it('lists the YAML and JSON files of a folder, those behind symbolic links too', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'file-source-test-'));
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'file-source-target-'));
    writeFileSync(path.join(elsewhere, 'rbac.yaml'), 'kind: Namespace\nmetadata: {name: linked}\n');
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'a.json'), '{"kind":"Namespace","metadata":{"name":"a"}}');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a dump');
    symlinkSync(path.join(elsewhere, 'rbac.yaml'), path.join(dir, 'linked.yaml'));
    symlinkSync(path.join(elsewhere, 'gone.yaml'), path.join(dir, 'broken.yaml'));
    expect(await listDumpFiles(dir)).toEqual([
      path.join(dir, 'broken.yaml'),
      path.join(dir, 'linked.yaml'),
      path.join(dir, 'sub', 'a.json'),
    ]);
    const load = await loadFileSource([dir], { kind: 'file', name: 'dir' });
    expect(load.snapshot.namespaces.map((n) => n.name).sort()).toEqual(['a', 'linked']);
    // A link that leads nowhere is named, not skipped.
    expect(load.errors.map((e) => e.file)).toEqual([path.join(dir, 'broken.yaml')]);
  });
});

describe('loadFileSource', () => {
  it('names a dump saved as UTF-16 and loads the other files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'file-source-test-'));
    const yaml = 'kind: Namespace\nmetadata: {name: wide}\n';
    // PowerShell's `>` writes UTF-16 with a byte order mark.
    writeFileSync(
      path.join(dir, 'wide.yaml'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, 'utf16le')]),
    );
    writeFileSync(path.join(dir, 'plain.yaml'), 'kind: Namespace\nmetadata: {name: plain}\n');
    const load = await loadFileSource([dir], { kind: 'file', name: 'dir' });
    expect(load.snapshot.namespaces.map((n) => n.name)).toEqual(['plain']);
    expect(load.errors).toEqual([
      {
        file: path.join(dir, 'wide.yaml'),
        message: expect.stringContaining('save the file as UTF-8') as string,
      },
    ]);
  });
});
