import 'server-only';
import { parseDump } from './parse-dump';
import { snapshotFromDump, type DumpLoad } from './snapshot-from-dump';

/** Largest upload, all files together. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export interface UploadedFile {
  name: string;
  text: string;
}

/** Builds a snapshot from uploaded dumps; each bad file is reported with its line, the good ones load. */
export function loadUploadedFiles(files: UploadedFile[]): DumpLoad {
  return snapshotFromDump(
    files.map((f) => parseDump(f.text, f.name)),
    {
      kind: 'upload',
      name: files.map((f) => f.name).join(', '),
      fetchedAt: new Date().toISOString(),
    },
  );
}

/** A file name safe to show: its last path segment, printable, at most 120 characters. */
export function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const printable = base.replace(/[^\p{L}\p{N} ._()+-]/gu, '_').slice(0, 120);
  return printable || 'upload';
}
