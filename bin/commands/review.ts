import 'server-only';
import { readFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { ReviewError, reviewSubjectAccess } from '../../lib/rbac/subject-access-review';
import { formatDumpError, parseDocuments } from '../../lib/sources/parse-dump';
import { loadAuthorizer, UsageError, type Output } from '../cli-io';
import { allowFlags, outputFormat, sourceFlags, type CliValues } from '../cli-options';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `review [FILE|-]`: reads SubjectAccessReviews (one object, a List, multi-document YAML or
 * JSON lines) and prints them back in the same shape and order with `status` filled, as the
 * API server's RBAC authorizer would: exactly the spec's user and groups.
 */
export async function reviewCommand(
  args: string[],
  values: CliValues,
  io: Output,
): Promise<number> {
  allowFlags('review', values, []);
  if (args.length > 1)
    throw new UsageError('review takes at most one file of SubjectAccessReviews (or - for stdin)');
  const source = args[0] ?? '-';
  const text =
    source === '-'
      ? await readStdin()
      : await readFile(source, 'utf8').catch((err: NodeJS.ErrnoException) => {
          throw new UsageError(
            `${source}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`,
          );
        });
  const name = source === '-' ? '(stdin)' : source;
  const parsed = parseDocuments(text, name);
  if (parsed.errors.length > 0) throw new UsageError(parsed.errors.map(formatDumpError).join('\n'));
  if (parsed.docs.length === 0) throw new UsageError(`${name}: no SubjectAccessReview found`);
  const format = outputFormat(values, ['yaml', 'json'], parsed.format === 'yaml' ? 'yaml' : 'json');
  const authz = await loadAuthorizer(sourceFlags(values), io, { pods: false });

  const review = (value: unknown, where: string): Obj => {
    if (!isObject(value) || value.kind !== 'SubjectAccessReview') {
      throw new UsageError(
        `${where}: expected a SubjectAccessReview, got ${isObject(value) ? String(value.kind) : typeof value}`,
      );
    }
    if (value.apiVersion !== 'authorization.k8s.io/v1') {
      throw new UsageError(
        `${where}: apiVersion must be authorization.k8s.io/v1, not ${String(value.apiVersion)}`,
      );
    }
    try {
      const status = reviewSubjectAccess(authz, value.spec);
      return { ...value, status };
    } catch (err) {
      if (err instanceof ReviewError) throw new UsageError(`${where}: ${err.message}`);
      throw err;
    }
  };
  const reviewDoc = (value: unknown, line: number): unknown => {
    if (isObject(value) && value.kind === 'List' && Array.isArray(value.items)) {
      return {
        ...value,
        items: value.items.map((item, i) => review(item, `${name}:${line} item ${i}`)),
      };
    }
    return review(value, `${name}:${line}`);
  };
  const out = parsed.docs.map((d) => reviewDoc(d.value, d.line));

  if (format === 'json') {
    // One document prints as one JSON value; several print as JSON lines.
    if (out.length === 1) io.out(JSON.stringify(out[0], null, 2));
    else for (const doc of out) io.out(JSON.stringify(doc));
  } else {
    io.out(out.map((doc) => stringify(doc).trimEnd()).join('\n---\n'));
  }
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
