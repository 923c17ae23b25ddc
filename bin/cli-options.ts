import type { parseArgs, ParseArgsConfig } from 'node:util';
import { UsageError, type SourceFlags } from './cli-io';

/** kubectl's flags, as far as the CLI understands them. */
export const OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  as: { type: 'string' },
  'as-group': { type: 'string', multiple: true },
  serviceaccount: { type: 'string' },
  filename: { type: 'string', short: 'f', multiple: true },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  demo: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  subresource: { type: 'string' },
  'api-group': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'fail-on': { type: 'string' },
  all: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export type CliValues = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

/** Output format from -o, limited to what a command supports. */
export function outputFormat<T extends string>(
  values: CliValues,
  allowed: readonly T[],
  fallback: T,
): T {
  const o = values.output ?? fallback;
  if (!(allowed as readonly string[]).includes(o)) {
    throw new UsageError(`-o ${o} is not supported here (use ${allowed.join(' or ')})`);
  }
  return o as T;
}

export type Flag = keyof typeof OPTIONS;

/** Flags every command takes: where RBAC is read from, -o and help. */
const COMMON: readonly Flag[] = ['filename', 'kubeconfig', 'context', 'demo', 'output', 'help'];

/**
 * Refuses flags a command does not use: `who-can --as bob` would otherwise answer a question
 * other than the one asked.
 */
export function allowFlags(command: string, values: CliValues, used: readonly Flag[]): void {
  const given = Object.keys(values).filter((k) => values[k as Flag] !== undefined) as Flag[];
  for (const flag of given) {
    if (COMMON.includes(flag) || used.includes(flag)) continue;
    const short = (OPTIONS[flag] as { short?: string }).short;
    throw new UsageError(`${command} does not take --${flag}${short ? ` (-${short})` : ''}`);
  }
  if (values.namespace !== undefined && values['all-namespaces']) {
    throw new UsageError('use either -n NAMESPACE or -A (all namespaces), not both');
  }
}

/** The namespace a question is about: -n, -A for cluster-wide, else default. */
export function namespaceOf(values: CliValues): string | undefined {
  if (values['all-namespaces']) return '';
  return values.namespace;
}

/** The flags that choose where RBAC is read from. */
export function sourceFlags(values: CliValues): SourceFlags {
  return {
    files: values.filename ?? [],
    kubeconfig: values.kubeconfig,
    context: values.context,
    demo: values.demo,
  };
}
