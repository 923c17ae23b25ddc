import 'server-only';
import { decodeDump } from './decode-dump';
import { parseDump, type ParsedDump } from './parse-dump';
import { snapshotFromDump, type DumpLoad } from './snapshot-from-dump';

/** Largest upload, all files together. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export interface UploadedFile {
  name: string;
  /** The file as sent: decoded here, so an encoding we cannot read is named as such. */
  bytes: Uint8Array;
}

const MB = 1024 * 1024;

/** Megabytes with one decimal, rounded up: a size just over a limit never reads as the limit. */
function megabytesUp(bytes: number): string {
  const tenths = Math.ceil((bytes * 10) / MB);
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)} MB`;
}

/**
 * Why an upload of `bytes` (the request's Content-Length, form framing included) is refused,
 * and what helps. Splitting does not: each upload replaces the one before.
 */
export function uploadTooLargeMessage(bytes: number, limit = MAX_UPLOAD_BYTES): string {
  return (
    `the upload is ${megabytesUp(bytes)} (${bytes.toLocaleString('en-US')} bytes), over the ` +
    `${megabytesUp(limit)} limit (${limit.toLocaleString('en-US')} bytes). Each upload replaces ` +
    'the previous one, so everything must fit in one: dump only the RBAC kinds, with ' +
    'kubectl get serviceaccounts,roles,rolebindings,clusterroles,clusterrolebindings -A -o yaml'
  );
}

function parseUploaded(f: UploadedFile): ParsedDump {
  const decoded = decodeDump(f.bytes);
  if ('error' in decoded)
    return { objects: [], errors: [{ file: f.name, message: decoded.error }] };
  return parseDump(decoded.text, f.name);
}

/** Builds a snapshot from uploaded dumps; each bad file is reported with its line, the good ones load. */
export function loadUploadedFiles(files: UploadedFile[]): DumpLoad {
  return snapshotFromDump(files.map(parseUploaded), {
    kind: 'upload',
    name: files.map((f) => f.name).join(', '),
    fetchedAt: new Date().toISOString(),
  });
}

/** A file name safe to show: its last path segment, printable, at most 120 characters. */
export function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const printable = base.replace(/[^\p{L}\p{N} ._()+-]/gu, '_').slice(0, 120);
  return printable || 'upload';
}
