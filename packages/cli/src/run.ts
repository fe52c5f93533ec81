import { MlflowKserveError } from '@mlflow-kserve/core';
import { Command, CommanderError, Option } from 'commander';
import type { CliIo, ExitCode } from './cli-io.js';
import { configCheck } from './commands/config-check.js';
import { list } from './commands/list.js';
import { reconcileCommand } from './commands/reconcile.js';
import { render } from './commands/render.js';
import { serve } from './commands/serve.js';
import { send, sendableEvents } from './commands/send.js';
import { sign } from './commands/sign.js';
import { promote } from './commands/promote.js';
import { rolloutPromote, rolloutRollback, rolloutStatus } from './commands/rollout.js';
import { type KeyCommandOptions, sync } from './commands/sync.js';
import { cliVersion } from './cli-version.js';
import { statusSync } from './commands/status-sync.js';
import { webhookEnsure, webhookList, webhookTest } from './commands/webhook.js';

/** Error codes that mean the command line or the configuration is wrong (exit 2), not a runtime failure (exit 1). */
const usageCodes = new Set<string>(['config_invalid', 'bad_request', 'invalid_template', 'storage_uri_unusable']);

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

  program.addHelpText('after', '\nmlflow-kserve -V (or -v, --version) prints the version.');

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
    .command('sync')
    .description('converge one model version or alias now, exactly as a webhook would, and print what was done')
    .argument('<model>', 'MLflow model name')
    .argument('<version|@alias>', 'a version number (3) or an alias (@champion)')
    .option('--dry-run', 'say what would be done, change nothing')
    .addOption(output(['text', 'json']))
    .addOption(target)
    .addOption(namespace)
    .action(async (model: string, key: string, options: KeyCommandOptions) => {
      result = await sync(model, key, options, io);
    });

  program
    .command('promote')
    .description("end an alias's canary rollout: all traffic to the version the alias points to now")
    .argument('<model>', 'MLflow model name')
    .argument('<alias>', 'the alias, e.g. champion')
    .option('--dry-run', 'say what would be done, change nothing')
    .addOption(output(['text', 'json']))
    .addOption(target)
    .addOption(namespace)
    .action(async (model: string, alias: string, options: KeyCommandOptions) => {
      result = await promote(model, alias, options, io);
    });

  const rollout = program.command('rollout').description("an alias's progressive rollout (docs/progressive-delivery.md)");
  for (const [name, description, fn, dryRun] of [
    ['status', 'where the rollout stands: phase, canary share, versions, step, failed analyses, why', rolloutStatus, false],
    ['promote', 'skip the remaining steps: all traffic to the canary’s version now', rolloutPromote, true],
    ['rollback', 'abort now: all traffic back to the previous version, the canary’s version recorded as failed', rolloutRollback, true],
  ] as const) {
    const command = rollout
      .command(name)
      .description(description)
      .argument('<model>', 'MLflow model name')
      .argument('<alias>', 'the alias, e.g. champion or @champion');
    if (dryRun) command.option('--dry-run', 'say what would be done, change nothing');
    command
      .addOption(output(['text', 'json']))
      .addOption(target)
      .addOption(namespace)
      .action(async (model: string, alias: string, options: KeyCommandOptions) => {
        result = await fn(model, alias, options, io);
      });
  }

  program
    .command('render')
    .description('print the InferenceService the listener would apply for a model version (or alias)')
    .requiredOption('--model <name>', 'MLflow model name')
    .option('--version <version>', 'model version (for an alias service: the version it serves)')
    .option('--alias <alias>', 'render the alias service (mlflow-<model>-<alias>)')
    .option(
      '--storage-uri <uri>',
      'artifact location, resolved as the listener does (mlflow-artifacts:/ needs MLFLOW_KSERVE_STORAGE_URI_BASE)',
    )
    .option('--run-id <id>', 'MLflow run id')
    .option('--experiment-id <id>', 'MLflow experiment id')
    .option('--from-mlflow', 'read the version (or alias) from MLflow (MLFLOW_KSERVE_MLFLOW_TRACKING_URI) instead')
    .option('--template <file>', 'template file (default: MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE or the built-in one)')
    .addOption(output(['yaml', 'json']))
    .addOption(namespace)
    .action(act(render));

  program
    .command('sign')
    .description('print the headers MLflow would send for a body, or a ready curl command')
    .option('--secret <secret>', 'webhook secret (default MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET)')
    .option('--body <json>', 'the body, exactly')
    .option('--body-file <path>', 'read the body from a file, or - for standard input')
    .option('--delivery-id <id>', 'delivery id (default: a new uuid)')
    .option('--timestamp <seconds>', 'Unix seconds (default: now)')
    .option('--curl <url>', 'print a curl command that posts the signed body to this URL')
    .action(act(sign));

  program
    .command('send')
    .description('send a signed event, exactly as MLflow would, and print the answer')
    .requiredOption('--url <url>', 'listener URL, e.g. http://localhost:8000/webhook')
    .option('--model <name>', 'MLflow model name')
    .option('--version <version>', 'model version')
    .option(
      '--tag <key=value>',
      'the tag set (repeatable for --event model_version.created), e.g. deploy=true',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option('--delete-tag <key>', 'a tag deleted event, e.g. deploy')
    .option('--alias <alias>', 'the alias of an alias event')
    .option('--source <uri>', 'the source of a model_version.created event')
    .addOption(new Option('--event <type>', 'the event to send (default: a tag set or deleted)').choices([...sendableEvents]))
    .option('--delivery-id <id>', 'delivery id (default: a new uuid; repeat one to try a retry)')
    .option('--timestamp <seconds>', 'Unix seconds (default: now; an old one tries a stale delivery)')
    .option('--body-file <path>', 'send this body as it is (- for standard input)')
    .option('--secret <secret>', 'webhook secret (default MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET)')
    .action(act(send));

  program
    .command('reconcile')
    .description('converge InferenceServices on the versions MLflow tags for deployment and the configured aliases')
    .option('--dry-run', 'print the plan, change nothing')
    .option('--allow-mass-delete', 'write even when more than MLFLOW_KSERVE_RECONCILE_MAX_DELETE_RATIO of the services would be deleted')
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
    .command('status')
    .description('deployment status in MLflow')
    .command('sync')
    .description('write the status of every managed InferenceService onto its MLflow model version once (serve does it continuously)')
    .addOption(output(['table', 'json']))
    .addOption(target)
    .addOption(namespace)
    .action(act(statusSync));

  const webhook = program.command('webhook').description("MLflow's webhook for this listener");
  webhook
    .command('ensure')
    .description(
      'create or update the MLflow webhook (matched by URL, then name) with the events this configuration needs, the current secret, ACTIVE',
    )
    .option('--url <url>', "public URL of the listener's /webhook (default MLFLOW_KSERVE_WEBHOOK_PUBLIC_URL)")
    .option('--name <name>', 'webhook name', 'mlflow-kserve')
    .action(act(webhookEnsure));
  webhook
    .command('list')
    .description("MLflow's webhooks")
    .addOption(output(['table', 'json']))
    .action(act(webhookList));
  webhook
    .command('test')
    .description("have MLflow send its test delivery and print the listener's answer")
    .option('--url <url>', 'the webhook with this URL (default MLFLOW_KSERVE_WEBHOOK_PUBLIC_URL)')
    .option('--id <id>', 'the webhook with this id')
    .option('--name <name>', 'the webhook with this name', 'mlflow-kserve')
    .action(act(webhookTest));

  program
    .command('config')
    .description('configuration commands')
    .command('check')
    .description(
      'run the checks serve runs at startup, report every problem, print effective settings with secrets redacted, then reach MLflow and the target',
    )
    .option('--dev', 'check as serve --dev would (MLflow optional)')
    .option('--offline', 'do not reach MLflow or the target; check the settings and the template only')
    .addOption(target)
    .addOption(namespace)
    .action(act(configCheck));

  // A command group without its subcommand is a usage error, like the program without a command: help on
  // standard error, exit 2.
  for (const group of program.commands.filter((c) => c.commands.length > 0)) {
    group.action(() => {
      group.outputHelp({ error: true });
      result = 2;
    });
  }

  try {
    if (argv[0] === '-V' || argv[0] === '-v' || argv[0] === '--version') {
      io.stdout(`${cliVersion}\n`);
      return 0;
    }
    if (argv.length === 0) {
      program.outputHelp({ error: true });
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
      return usageCodes.has(error.code) ? 2 : 1;
    }
    io.stderr(`error: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}
