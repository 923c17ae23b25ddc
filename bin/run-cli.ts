import { main } from './cli';

/** Runs the CLI in this process, as tests do: its exit status and what it printed. */
export async function runCli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    out: (t) => (stdout += `${t}\n`),
    err: (t) => (stderr += `${t}\n`),
  });
  return { code, stdout, stderr };
}
