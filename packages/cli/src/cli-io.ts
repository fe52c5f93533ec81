import type { KubePort, MlflowPort } from '@mlflow-kserve/core';

/** Everything a command touches outside itself, so commands run in memory in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Reads standard input (for `sign -`). */
  readStdin?(): Promise<string>;
  fetch?: typeof fetch;
  /** Stops `serve` (as SIGTERM would). */
  signal?: AbortSignal;
  /** Called with the listening URL once `serve` accepts requests. */
  onListening?(url: string): void;
  /** Replaces the ports built from configuration (tests). */
  ports?: { kube?: KubePort; mlflow?: MlflowPort | null };
}

/** A command's result: 0 ok, 1 failure, 2 usage error. */
export type ExitCode = 0 | 1 | 2;
