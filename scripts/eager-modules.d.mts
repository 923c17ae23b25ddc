export function wrapModuleFactories(
  source: string,
): { source: string; wrapped: number } | undefined;
export function wrapBuildChunks(nextDir: string): { chunks: number; wrapped: number };
