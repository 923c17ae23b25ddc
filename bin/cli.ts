import 'server-only';
import { parseArgs } from 'node:util';
import { QuestionError } from '../lib/rbac/parse-type';
import { ConfigError } from '../lib/server/source-config';
import { UsageError, type Output } from './cli-io';
import { OPTIONS } from './cli-options';
import { canICommand } from './commands/can-i';
import { findingsCommand } from './commands/findings';
import { permissionsCommand } from './commands/permissions';
import { reviewCommand } from './commands/review';
import { whoCanCommand } from './commands/who-can';

const USAGE = `rbac-explorer: who can do what in a Kubernetes cluster, and why.

Usage:
  rbac-explorer can-i VERB TYPE[/NAME] --as USER [--as-group G]… [-n NS] [--subresource S] [--api-group G] [-f FILE]… [-o json] [-q]
  rbac-explorer who-can VERB TYPE[/NAME] [-n NS] [--subresource S] [--api-group G] [-f FILE]… [-o json]
  rbac-explorer permissions (--as USER [--as-group G]… | --serviceaccount NS:NAME) [-n NS] [-f FILE]… [-o json]
  rbac-explorer review [-f FILE]… [REVIEWS_FILE|-] [-o yaml|json]
  rbac-explorer findings [-f FILE]… [-o json] [--fail-on critical|high|medium|low] [--all]

TYPE is a resource (pods), resource.group (deployments.apps), or a non-resource URL (/healthz).
-f reads files or folders of Kubernetes YAML/JSON; --kubeconfig FILE and --context NAME read a
cluster; without them the dashboard's source is used (RBAC_SOURCE; by default the current
kubeconfig context when it answers, else the demo). -A asks about all namespaces (cluster-wide). --as with a ServiceAccount user
(system:serviceaccount:NS:NAME) and no --as-group implies the ServiceAccount's groups.

Exit status: 0 yes (allowed), 1 no (denied; for findings: one at --fail-on or worse), 2 bad input.`;

/** Runs the CLI; returns the exit status. */
export async function main(argv: string[], io: Output): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    const [command, ...args] = positionals;
    if (values.help || !command) {
      io.out(USAGE);
      return command || values.help ? 0 : 2;
    }
    switch (command) {
      case 'can-i':
        return await canICommand(args, values, io);
      case 'who-can':
        return await whoCanCommand(args, values, io);
      case 'permissions':
        return await permissionsCommand(args, values, io);
      case 'review':
        return await reviewCommand(args, values, io);
      case 'findings':
        return await findingsCommand(args, values, io);
      default:
        throw new UsageError(
          `unknown command "${command}" (can-i, who-can, permissions, review, findings)`,
        );
    }
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof QuestionError ||
      err instanceof ConfigError ||
      (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.err(`error: ${(err as Error).message}`);
      return 2;
    }
    throw err;
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!);
if (isMain) {
  const io: Output = {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  };
  main(process.argv.slice(2), io).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(
        `rbac-explorer: unexpected error: ${(err as Error).stack ?? String(err)}\n`,
      );
      process.exitCode = 3;
    },
  );
}
