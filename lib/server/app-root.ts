import 'server-only';

/**
 * The folder the app's bundled files (the demo dump) are read from. The server and CLI run
 * from the repository; RBAC_EXPLORER_ROOT overrides it (the CLI sets it to its own checkout).
 */
export function appRoot(): string {
  return process.env.RBAC_EXPLORER_ROOT || process.cwd();
}
