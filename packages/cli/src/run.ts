import { MlflowKserveError } from '@mlflow-kserve/core';
import { Command, CommanderError, Option } from 'commander';
import type { CliIo, ExitCode } from './cli-io.js';
import { configCheck } from './commands/config-check.js';
import { list } from './commands/list.js';
import { reconcileCommand } from './commands/reconcile.js';
import { render } from './commands/render.js';
import { serve } from './commands/serve.js';
import { send } from './commands/send.js';
import { sign } from './commands/sign.js';

/**
 * Runs the `mlflow-kserve` command line with `argv` (without the node and script names) and returns the
 * exit code: 0 ok, 1 failure, 2 usage error. Never calls `process.exit`.
 *
 * @example
 * ```ts
 * const code = await run(['render', '--model', 'iris', '--version', '3', '--storage-uri', 's3://b/iris'], io);
 * ```
 */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let result: ExitCode = 0;
  const program = new Command('mlflow-kserve')
    .description('Turn MLflow model-registry webhooks into KServe InferenceServices.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run with --help for usage)');
  const target = new Option(
    '--target <target>',
    'where InferenceServices go: "cluster" or "dir:<path>" (overrides MLFLOW_KSERVE_KUBE_TARGET)',
  );
  const namespace = new Option('--namespace <namespace>', 'target namespace (overrides MLFLOW_KSERVE_KUBE_NAMESPACE)');
  const output = (choices: string[]) => new Option('-o, --output <format>', 'output format').choices(choices).default(choices[0]);
  const act =
    <T>(fn: (options: T, io: CliIo) => Promise<ExitCode>) =>
    async (options: T) => {
      result = await fn(options, io);
    };

  program
    .command('serve')
    .description('run the webhook listener (POST /webhook, GET /health, /livez, /readyz, /services, /metrics)')
    .option('--dev', 'development mode: MLflow optional, writes YAML to ./manifests, a printed development secret, 127.0.0.1')
    .option('--host <host>', 'listen address (MLFLOW_KSERVE_APP_HOST)')
    .option('--port <port>', 'listen port (MLFLOW_KSERVE_APP_PORT)')
    .addOption(target)
    .addOption(namespace)
    .action(act(serve));

  program
    .command('render')
    .description('print the InferenceService for a model version')
    .requiredOption('--model <name>', 'MLflow model name')
    .requiredOption('--version <version>', 'model version')
    .option('--storage-uri <uri>', 'artifact location KServe pulls from')
    .option('--run-id <id>', 'MLflow run id')
    .option('--experiment-id <id>', 'MLflow experiment id')
    .option('--from-mlflow', 'read the version from MLflow (MLFLOW_KSERVE_MLFLOW_TRACKING_URI) instead')
    .addOption(output(['yaml', 'json']))
    .addOption(namespace)
    .action(act(render));

  program
    .command('sign')
    .description('print the headers MLflow would send for a body')
    .option('--secret <secret>', 'webhook secret (default MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET)')
    .option('--body <json>', 'the body, exactly')
    .option('--body-file <path>', 'read the body from a file, or - for standard input')
    .option('--delivery-id <id>', 'delivery id (default: a new uuid)')
    .option('--timestamp <seconds>', 'Unix seconds (default: now)')
    .action(act(sign));

  program
    .command('send')
    .description('send a signed model_version_tag event, as MLflow would, and print the answer')
    .requiredOption('--url <url>', 'listener URL, e.g. http://localhost:8000/webhook')
    .requiredOption('--model <name>', 'MLflow model name')
    .requiredOption('--version <version>', 'model version')
    .option('--tag <key=value>', 'a tag set event, e.g. deploy=true')
    .option('--delete-tag <key>', 'a tag deleted event, e.g. deploy')
    .option('--secret <secret>', 'webhook secret (default MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET)')
    .action(act(send));

  program
    .command('reconcile')
    .description('converge InferenceServices on the versions MLflow tags for deployment')
    .option('--dry-run', 'print the plan, change nothing')
    .addOption(output(['table', 'json']))
    .addOption(target)
    .addOption(namespace)
    .action(act(reconcileCommand));

  program
    .command('list')
    .description('list managed InferenceServices with their status')
    .addOption(output(['table', 'json']))
    .addOption(target)
    .addOption(namespace)
    .action(act(list));

  program
    .command('config')
    .description('configuration commands')
    .command('check')
    .description('validate the configuration and template; print effective settings with secrets redacted')
    .addOption(target)
    .addOption(namespace)
    .action(act(configCheck));

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return result;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return 0;
      return 2;
    }
    if (MlflowKserveError.isInstance(error)) {
      io.stderr(`error: ${error.message}\n`);
      return error.code === 'config_invalid' ? 2 : 1;
    }
    io.stderr(`error: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}
