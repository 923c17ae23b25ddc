import { LineCounter, parseAllDocuments } from 'yaml';

/** A Kubernetes object as read from a dump, with where it came from. */
export interface DumpObject {
  object: Record<string, unknown>;
  file: string;
  /** 1-based line of the document (or list item) in the file. */
  line: number;
}

/** A problem in a dump that a user can fix: which file, which line, what is wrong. */
export interface DumpError {
  file: string;
  line?: number;
  message: string;
}

export interface ParsedDump {
  objects: DumpObject[];
  errors: DumpError[];
}

/** Limits that keep hostile input (alias bombs, absurd nesting) from hurting the server. */
const MAX_ALIAS_COUNT = 1000;
const MAX_DEPTH = 64;

/** Formats an error the way a user reads it: `file:line: message`. */
export function formatDumpError(e: DumpError): string {
  return `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`;
}

/** The documents of a YAML or JSON text, each with its line, before any Kubernetes meaning. */
export interface ParsedDocuments {
  docs: { value: unknown; line: number }[];
  errors: DumpError[];
  format: 'json' | 'jsonl' | 'yaml';
}

/**
 * Parses Kubernetes YAML or JSON text: multi-document YAML, a JSON object or array,
 * JSON lines, and `kind: List` (or `RoleList`…) wrappers, flattened into their items.
 * Never throws: every problem becomes a DumpError with the file and line.
 */
export function parseDump(text: string, file: string): ParsedDump {
  const parsed = parseDocuments(text, file);
  const collected = collect(parsed.docs, file);
  return { objects: collected.objects, errors: [...parsed.errors, ...collected.errors] };
}

/** Splits text into documents: one JSON value, JSON lines, or YAML documents. Never throws. */
export function parseDocuments(text: string, file: string): ParsedDocuments {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = parseJson(text);
    if (json) return json;
  }
  return parseYaml(text, file);
}

function parseJson(text: string): ParsedDocuments | undefined {
  try {
    return { docs: [{ value: JSON.parse(text), line: 1 }], errors: [], format: 'json' };
  } catch {
    // Perhaps JSON lines: one object per line. Anything else is left to the YAML parser,
    // which reports positions precisely.
    const lines = text.split('\n');
    const docs: { value: unknown; line: number }[] = [];
    for (const [i, raw] of lines.entries()) {
      if (!raw.trim()) continue;
      try {
        docs.push({ value: JSON.parse(raw), line: i + 1 });
      } catch {
        return undefined;
      }
    }
    return docs.length > 1 ? { docs, errors: [], format: 'jsonl' } : undefined;
  }
}

function parseYaml(text: string, file: string): ParsedDocuments {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const docs: { value: unknown; line: number }[] = [];
  const errors: DumpError[] = [];
  for (const doc of list) {
    const line = lineCounter.linePos(doc.contents?.range?.[0] ?? doc.range[0]).line;
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        errors.push({
          file,
          line: lineCounter.linePos(err.pos[0]).line,
          message: firstLine(err.message),
        });
      }
      continue;
    }
    try {
      docs.push({ value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), line });
    } catch (err) {
      errors.push({ file, line, message: firstLine((err as Error).message) });
    }
  }
  return { docs, errors, format: 'yaml' };
}

function collect(docs: { value: unknown; line: number }[], file: string): ParsedDump {
  const objects: DumpObject[] = [];
  const errors: DumpError[] = [];
  const add = (value: unknown, line: number) => {
    if (value === null || value === undefined) return; // empty document
    if (depth(value) > MAX_DEPTH) {
      errors.push({ file, line, message: `document is nested deeper than ${MAX_DEPTH} levels` });
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) add(item, line);
      return;
    }
    if (typeof value !== 'object') {
      errors.push({ file, line, message: 'expected a Kubernetes object (a mapping with kind)' });
      return;
    }
    const obj = value as Record<string, unknown>;
    if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
      for (const item of obj.items) add(item, line);
      return;
    }
    objects.push({ object: obj, file, line });
  };
  for (const doc of docs) add(doc.value, doc.line);
  return { objects, errors };
}

function depth(value: unknown, limit = MAX_DEPTH + 1): number {
  if (value === null || typeof value !== 'object') return 0;
  if (limit <= 0) return 1;
  let max = 0;
  for (const child of Object.values(value)) {
    max = Math.max(max, depth(child, limit - 1));
    if (max >= limit) break;
  }
  return max + 1;
}

function firstLine(message: string): string {
  // Absurd nesting exhausts the parser's stack: say what it is.
  if (message.includes('Maximum call stack'))
    return `document is nested deeper than ${MAX_DEPTH} levels`;
  return message.split('\n')[0]!.trim();
}
