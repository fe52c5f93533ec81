/**
 * `@mlflow-kserve/cli`: the `mlflow-kserve` command, callable in-process.
 * @packageDocumentation
 */
export { run } from './run.js';
export type { CliIo, ExitCode } from './cli-io.js';
export { devSecret } from './commands/serve.js';
