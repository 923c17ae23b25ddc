import 'server-only';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeDump } from './decode-dump';
import { parseDump, type DumpError, type ParsedDump } from './parse-dump';
import { snapshotFromDump, type DumpLoad } from './snapshot-from-dump';

/** Largest single file read from disk or accepted as an upload. */
export const MAX_DUMP_BYTES = 50 * 1024 * 1024;
const DUMP_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Lists the dump files of a path: the file itself, or a folder's YAML/JSON files, recursively. */
export async function listDumpFiles(target: string): Promise<string[]> {
  const info = await stat(target);
  if (!info.isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  const files: string[] = [];
  for (const e of entries) {
    if (!DUMP_EXTENSIONS.has(path.extname(e.name).toLowerCase())) continue;
    const file = path.join(e.parentPath, e.name);
    // A symbolic link counts when it leads to a file, or nowhere (reading it says so).
    const linked = e.isSymbolicLink() ? await stat(file).catch(() => undefined) : undefined;
    if (e.isFile() || (e.isSymbolicLink() && (!linked || linked.isFile()))) files.push(file);
  }
  return files.sort();
}

/**
 * Loads files or folders of Kubernetes YAML/JSON into a snapshot. Unreadable, oversized or
 * malformed files become errors naming the file (and line); the good files still load.
 */
export async function loadFileSource(
  targets: string[],
  source: { kind: 'file' | 'demo'; name: string },
): Promise<DumpLoad> {
  const dumps: ParsedDump[] = [];
  const errors: DumpError[] = [];
  for (const target of targets) {
    let files: string[];
    try {
      files = await listDumpFiles(target);
    } catch (err) {
      errors.push({ file: target, message: describeFsError(err) });
      continue;
    }
    if (files.length === 0) errors.push({ file: target, message: 'no .yaml, .yml or .json files' });
    for (const file of files) {
      try {
        const info = await stat(file);
        if (info.size > MAX_DUMP_BYTES) {
          errors.push({
            file,
            message: `file is ${mb(info.size)}, over the ${mb(MAX_DUMP_BYTES)} limit`,
          });
          continue;
        }
        const decoded = decodeDump(await readFile(file));
        if ('error' in decoded) errors.push({ file, message: decoded.error });
        else dumps.push(parseDump(decoded.text, file));
      } catch (err) {
        errors.push({ file, message: describeFsError(err) });
      }
    }
  }
  const load = snapshotFromDump(dumps, { ...source, fetchedAt: new Date().toISOString() });
  return { ...load, errors: [...errors, ...load.errors] };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES') return 'permission denied';
  return (err as Error).message;
}
