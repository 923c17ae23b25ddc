import { describe, expect, it } from 'vitest';
import { formatDumpError } from './parse-dump';
import { decodeDump } from './decode-dump';
import { loadUploadedFiles, MAX_UPLOAD_BYTES, uploadTooLargeMessage } from './upload-source';

const YAML = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  namespace: default\n';
const utf16le = (s: string, bom = true) =>
  new Uint8Array(Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(s, 'utf16le')]));
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), le]));
};
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('loadUploadedFiles: a file that is not UTF-8 is named as such', () => {
  it.each([
    [
      'UTF-16 LE with a byte order mark (PowerShell >)',
      utf16le(YAML),
      /UTF-16.*save the file as UTF-8/,
    ],
    ['UTF-16 BE with a byte order mark', utf16be(YAML), /UTF-16.*save the file as UTF-8/],
    ['UTF-16 without a byte order mark', utf16le(YAML, false), /NUL bytes.*save the file as UTF-8/],
  ])('%s', (_, bytes, message) => {
    const load = loadUploadedFiles([{ name: 'rbac.yaml', bytes }]);
    expect(load.errors).toHaveLength(1);
    expect(formatDumpError(load.errors[0]!)).toMatch(/^rbac\.yaml: /);
    expect(load.errors[0]!.message).toMatch(message);
    expect(load.errors[0]!.message).not.toMatch(/Kubernetes object/);
    expect(load.snapshot.serviceAccounts).toEqual([]);
  });

  it('reads UTF-8, with or without a byte order mark, and keeps the good files of a mix', () => {
    const load = loadUploadedFiles([
      { name: 'plain.yaml', bytes: utf8(YAML) },
      { name: 'bom.yaml', bytes: utf8(`\uFEFF${YAML.replace('name: a', 'name: b')}`) },
      { name: 'ps.yaml', bytes: utf16le(YAML.replace('name: a', 'name: c')) },
    ]);
    expect(load.snapshot.serviceAccounts.map((s) => s.name).sort()).toEqual(['a', 'b']);
    expect(load.errors.map((e) => e.file)).toEqual(['ps.yaml']);
  });

  it('decodeDump gives the text of UTF-8', () => {
    expect(decodeDump(utf8('kind: Role\nname: é\n'))).toEqual({ text: 'kind: Role\nname: é\n' });
  });
});

describe('uploadTooLargeMessage', () => {
  it('shows a size just over the limit as more than the limit', () => {
    const msg = uploadTooLargeMessage(MAX_UPLOAD_BYTES + 1);
    expect(msg).toMatch(
      /^the upload is 50\.1 MB \(52,428,801 bytes\), over the 50 MB limit \(52,428,800 bytes\)/,
    );
  });

  it.each([
    [51 * 1024 * 1024, 'the upload is 51 MB (53,477,376 bytes)'],
    [MAX_UPLOAD_BYTES + 200_000, 'the upload is 50.2 MB (52,628,800 bytes)'],
  ])('%i bytes', (bytes, start) => {
    expect(uploadTooLargeMessage(bytes)).toMatch(new RegExp(`^${start.replace(/[().]/g, '\\$&')}`));
  });

  it('does not advise splitting, which each upload replacing the last defeats', () => {
    const msg = uploadTooLargeMessage(MAX_UPLOAD_BYTES + 1);
    expect(msg).not.toMatch(/split/i);
    expect(msg).toMatch(/replaces the previous one/);
    expect(msg).toMatch(
      /kubectl get serviceaccounts,roles,rolebindings,clusterroles,clusterrolebindings/,
    );
  });
});
