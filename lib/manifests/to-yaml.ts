import { Document, isScalar, parseDocument, visit } from 'yaml';
import type { ManifestObject } from './build-objects';

/**
 * Whether a string written as a plain (unquoted) scalar reads back as the same string under
 * both YAML 1.1 (what kubectl's parser follows: `yes`, `on`, `0777` are not strings there) and
 * YAML 1.2 (`0o17` is a number there), and under go-yaml v2, kubectl's actual parser (through
 * sigs.k8s.io/yaml), which reads more as numbers than either: Go's number syntax, so `0b-1` is
 * -1 and `+0o7`, `1_0`, `3e3_` are numbers. Rather than follow its rules, every scalar that
 * starts like a number (a digit, a sign or a dot) is quoted; letters-first strings are left to
 * the YAML 1.1 check, which knows go-yaml's booleans and nulls.
 */
function plainIsSafe(value: string): boolean {
  const known = safeCache.get(value);
  if (known !== undefined) return known;
  const safe = readsBackPlain(value);
  // Most values repeat (kinds, apiVersions, names): remember a bounded number of answers.
  if (safeCache.size >= SAFE_CACHE_MAX) safeCache.clear();
  safeCache.set(value, safe);
  return safe;
}

const SAFE_CACHE_MAX = 2000;
const safeCache = new Map<string, boolean>();

/** Scalars go-yaml v2 may read as a number: anything that starts like one. */
const NUMBER_LIKE = /^[-+.0-9]/;

function readsBackPlain(value: string): boolean {
  if (NUMBER_LIKE.test(value)) return false;
  for (const version of ['1.1', '1.2'] as const) {
    try {
      // parseDocument collects warnings (an unknown !tag …) instead of printing them.
      const doc = parseDocument(value, { version, prettyErrors: false });
      if (doc.errors.length > 0 || doc.warnings.length > 0 || doc.toJS() !== value) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * One object as a YAML document. The `yaml` library writes every value: strings that would
 * read back as something else are double-quoted, so no value can change type or inject YAML.
 */
export function objectToYaml(object: ManifestObject, comment?: string): string {
  // YAML 1.1 makes the library quote yes/no/on/off and friends, as kubectl needs.
  const doc = new Document(object, { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && !plainIsSafe(node.value)) {
        // Multi-line strings stay block literals, which cannot be misread.
        if (!node.value.includes('\n')) node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  if (comment) doc.commentBefore = comment;
  // lineWidth 0: long values stay on one line instead of being folded.
  return doc.toString({ lineWidth: 0 });
}

/**
 * Objects as one multi-document YAML stream: each document written whole by the library,
 * separated by `---`. `header` becomes a comment above the first document.
 */
export function toYaml(objects: ManifestObject[], header?: string): string {
  return objects.map((o, i) => objectToYaml(o, i === 0 ? header : undefined)).join('---\n');
}
