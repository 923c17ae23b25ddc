import 'server-only';
import path from 'node:path';
import { appRoot } from '../server/app-root';
import { loadFileSource } from './file-source';
import type { DumpLoad } from './snapshot-from-dump';

/** The bundled demo cluster: upstream bootstrap policy plus the story's namespaces. */
export function demoDumpFolder(): string {
  return path.join(appRoot(), 'lib', 'sources', 'demo');
}

export function loadDemoSource(): Promise<DumpLoad> {
  return loadFileSource([demoDumpFolder()], { kind: 'demo', name: 'Demo cluster' });
}
