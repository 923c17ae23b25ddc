import { isMap, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';

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

/** A document of a dump: its value, its line and, for a list, the line of each item. */
interface Doc {
  value: unknown;
  line: number;
  /** The lines of the items of a top-level array, or of a `kind: List`'s `items`. */
  itemLines?: number[];
}

/** The documents of a YAML or JSON text, each with its line, before any Kubernetes meaning. */
export interface ParsedDocuments {
  docs: Doc[];
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
    const json = parseJson(text, file);
    if (json) return json;
  }
  return parseYaml(text, file);
}

function parseJson(text: string, file: string): ParsedDocuments | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return {
      docs: [{ value, line: 1, itemLines: jsonItemLines(text) }],
      errors: [],
      format: 'json',
    };
  } catch {
    // Perhaps JSON lines: one object per line, the first of them whole. A bad line is reported
    // at its line and the others are kept. Anything else is left to the YAML parser, which
    // reports positions precisely.
    const lines = text.split('\n');
    const docs: Doc[] = [];
    const errors: DumpError[] = [];
    for (const [i, raw] of lines.entries()) {
      if (!raw.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (err) {
        if (docs.length === 0) return undefined;
        errors.push({ file, line: i + 1, message: firstLine((err as Error).message) });
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
      docs.push({ value, line: i + 1 });
    }
    return docs.length + errors.length > 1 ? { docs, errors, format: 'jsonl' } : undefined;
  }
}

function parseYaml(text: string, file: string): ParsedDocuments {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const docs: Doc[] = [];
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
      const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      docs.push({ value, line, itemLines: yamlItemLines(doc, lineCounter) });
    } catch (err) {
      errors.push({ file, line, message: firstLine((err as Error).message) });
    }
  }
  return { docs, errors, format: 'yaml' };
}

function collect(docs: Doc[], file: string): ParsedDump {
  const objects: DumpObject[] = [];
  const errors: DumpError[] = [];
  const add = (value: unknown, line: number, itemLines?: number[]) => {
    if (value === null || value === undefined) return; // empty document
    if (depth(value) > MAX_DEPTH) {
      errors.push({ file, line, message: `document is nested deeper than ${MAX_DEPTH} levels` });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => add(item, itemLines?.[i] ?? line));
      return;
    }
    if (typeof value !== 'object') {
      errors.push({ file, line, message: 'expected a Kubernetes object (a mapping with kind)' });
      return;
    }
    const obj = value as Record<string, unknown>;
    if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
      obj.items.forEach((item, i) => add(item, itemLines?.[i] ?? line));
      return;
    }
    objects.push({ object: obj, file, line });
  };
  for (const doc of docs) add(doc.value, doc.line, doc.itemLines);
  return { objects, errors };
}

/** The line of each item of a YAML document that is a sequence, or a `kind: …List`'s items. */
function yamlItemLines(doc: Document, lineCounter: LineCounter): number[] | undefined {
  const c = doc.contents;
  const seq = isSeq(c)
    ? c
    : isMap(c) && String(c.get('kind')).endsWith('List')
      ? c.get('items', true)
      : undefined;
  if (!isSeq(seq)) return undefined;
  return seq.items.map((item) => {
    const start = (item as { range?: [number, number, number] } | null)?.range?.[0];
    return start === undefined ? 0 : lineCounter.linePos(start).line;
  });
}

/**
 * The line of each item of a JSON text that is an array, or an object whose `items` is one (a
 * `kubectl get -o json` List): found by scanning the text as JSON.parse does not say where
 * values are. The text has been parsed already, so it is valid JSON.
 */
export function jsonItemLines(text: string): number[] | undefined {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  // The depth whose values are the items (1: a top-level array; 2: a top-level `items` array).
  let itemsDepth = 0;
  let expectValue = false;
  let key: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') continue;
    if (expectValue && depth === itemsDepth) {
      if (ch !== ']') lines.push(line);
      expectValue = false;
    }
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      // At the top level of an object, the last string before a '[' is that array's key.
      if (depth === 1 && itemsDepth === 0) key = text.slice(i + 1, j);
      for (let k = i + 1; k < j; k++) if (text[k] === '\n') line++;
      i = j;
      continue;
    }
    if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1 && ch === '[') itemsDepth = 1;
      if (depth === 2 && ch === '[' && itemsDepth === 0 && key === 'items') itemsDepth = 2;
      if (depth === itemsDepth) expectValue = true;
    } else if (ch === ']' || ch === '}') {
      if (depth === itemsDepth && ch === ']') {
        // The list of items ends.
        return lines;
      }
      depth--;
    } else if (ch === ',' && depth === itemsDepth) {
      expectValue = true;
    }
  }
  return itemsDepth > 0 ? lines : undefined;
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
