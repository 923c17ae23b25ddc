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
  rbac-explorer can-i VERB TYPE[/NAME] --as USER [--as-group G]… [-n NS|-A] [--subresource S] [--api-group G] [SOURCE] [-o json|-q]
  rbac-explorer who-can VERB TYPE[/NAME] [-n NS|-A] [--subresource S] [--api-group G] [SOURCE] [-o json]
  rbac-explorer permissions (--as USER [--as-group G]… | --serviceaccount NS:NAME) [-n NS] [SOURCE] [-o json]
  rbac-explorer review [REVIEWS_FILE|-] [SOURCE] [-o yaml|json]
  rbac-explorer findings [-n NS|-A] [--fail-on critical|high|medium|low] [--all] [SOURCE] [-o json]

TYPE is a resource (pods), resource.group (deployments.apps), or a non-resource URL (/healthz).
--as with a ServiceAccount user (system:serviceaccount:NS:NAME) and no --as-group implies the
ServiceAccount's groups. -A asks about all namespaces (cluster-wide). -q prints nothing: the
exit status answers, as kubectl auth can-i -q. A flag a command does not use is an error.

SOURCE is -f FILE_OR_DIR (repeatable: Kubernetes YAML/JSON), --kubeconfig FILE and/or
--context NAME (a cluster), or --demo (the built-in demo). Without one, RBAC_SOURCE decides, by
default the current kubeconfig context. A cluster that cannot be reached, or that refuses to list
Roles, ClusterRoles, RoleBindings or ClusterRoleBindings (findings: ServiceAccounts too), is an
error: the CLI never answers from part of the data, nor from the demo unless asked.

Exit status: 0 yes (can-i) or done; 1 no (can-i), or a finding at --fail-on or worse; 2 bad
input, or data that cannot be read in full; 3 an unexpected error.`;

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
