import { MlflowKserveError, type Runtime } from '@mlflow-kserve/core';
import { ensureWebhook, type MlflowWebhooksPort, webhooksPortOf } from '@mlflow-kserve/core/operations';
import type { CliIo, ExitCode } from '../cli-io.js';
import { commandRuntime } from '../command-runtime.js';
import { formatTable } from '../format-table.js';
import { envHas, envValue, type TargetOptions } from '../load-cli-config.js';

/** Options of `mlflow-kserve webhook …`. */
export interface WebhookCommandOptions extends TargetOptions {
  url?: string;
  name?: string;
  id?: string;
  output?: string;
}

async function webhooksOf(
  io: CliIo,
  options: WebhookCommandOptions,
  command: string,
): Promise<{ runtime: Runtime; hooks: MlflowWebhooksPort }> {
  const runtime = await commandRuntime(io, options, command, { mlflow: 'required', kube: false });
  const hooks = webhooksPortOf(runtime.mlflow);
  if (!hooks) throw new MlflowKserveError('config_invalid', `${command} needs an MLflow client that manages webhooks.`);
  return { runtime, hooks };
}

/**
 * `webhook ensure --url <public URL of /webhook>`: creates or updates MLflow's webhook for this listener
 * with exactly the events the configuration needs, the current secret and status ACTIVE. Idempotent.
 *
 * @example
 * ```ts
 * await webhookEnsure({ url: 'https://hooks.example.com/webhook' }, io);
 * ```
 */
export async function webhookEnsure(options: WebhookCommandOptions, io: CliIo): Promise<ExitCode> {
  if (!envHas(io, 'MLFLOW_WEBHOOK_SECRET'))
    throw new MlflowKserveError(
      'config_invalid',
      'webhook ensure needs MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: the secret the listener verifies with.',
    );
  const url = options.url ?? envValue(io, 'WEBHOOK_PUBLIC_URL');
  if (!url)
    throw new MlflowKserveError(
      'bad_request',
      'webhook ensure needs --url (or MLFLOW_KSERVE_WEBHOOK_PUBLIC_URL): the public URL of /webhook.',
    );
  const { runtime, hooks } = await webhooksOf(io, options, 'webhook ensure');
  let result: Awaited<ReturnType<typeof ensureWebhook>>;
  try {
    result = await ensureWebhook(hooks, runtime.config, { url, ...(options.name ? { name: options.name } : {}) });
  } catch (error) {
    if (!MlflowKserveError.isInstance(error) || typeof error.details['mlflowMessage'] !== 'string') throw error;
    const said = error.details['mlflowMessage'];
    // MLflow's reason (e.g. an http:// URL where only https is allowed), with the webhook secret masked.
    io.stderr(`error: ${error.message}\nMLflow said: ${said.split(runtime.config.mlflow_webhook_secret).join('***')}\n`);
    return 1;
  }
  io.stdout(
    `${result.action} webhook ${result.webhook.id} (${result.webhook.name}) → ${result.webhook.url}: ${result.webhook.events.map((e) => `${e.entity}/${e.action}`).join(', ')}, ${result.webhook.status}${result.action === 'unchanged' ? '; the secret was sent again (MLflow never shows it, so it is always re-sent)' : ''}\n`,
  );
  for (const d of result.duplicates)
    io.stderr(
      `note: webhook ${d.id} (${d.name}) → ${d.url} has the same URL or name and was left alone; delete it in MLflow if it is stale.\n`,
    );
  return 0;
}

/**
 * `webhook list`: MLflow's webhooks.
 *
 * @example
 * ```ts
 * await webhookList({ output: 'json' }, io);
 * ```
 */
export async function webhookList(options: WebhookCommandOptions, io: CliIo): Promise<ExitCode> {
  const { hooks } = await webhooksOf(io, options, 'webhook list');
  const all = await hooks.listWebhooks();
  if (options.output === 'json') io.stdout(`${JSON.stringify({ webhooks: all }, null, 2)}\n`);
  else
    io.stdout(
      formatTable(
        ['ID', 'NAME', 'STATUS', 'URL', 'EVENTS'],
        all.map((w) => [w.id, w.name, w.status, w.url, w.events.map((e) => `${e.entity}/${e.action}`).join(',')]),
      ),
    );
  return 0;
}

/**
 * `webhook test [--url U | --id I]`: asks MLflow to send its test delivery and reports what the listener
 * answered (MLflow's test sends an example event for `example_model`; a healthy listener answers 200).
 * Exit 1 when the delivery failed.
 *
 * @example
 * ```ts
 * await webhookTest({ url: 'https://hooks.example.com/webhook' }, io);
 * ```
 */
export async function webhookTest(options: WebhookCommandOptions, io: CliIo): Promise<ExitCode> {
  const { hooks } = await webhooksOf(io, options, 'webhook test');
  const url = options.url ?? envValue(io, 'WEBHOOK_PUBLIC_URL');
  const all = await hooks.listWebhooks();
  const hook = options.id
    ? all.find((w) => w.id === options.id)
    : (all.find((w) => w.url === url) ?? all.find((w) => w.name === (options.name ?? 'mlflow-kserve')));
  if (!hook)
    throw new MlflowKserveError(
      'bad_request',
      'No matching webhook in MLflow: pass --id or --url, or create it with `mlflow-kserve webhook ensure --url …`.',
    );
  const result = await hooks.testWebhook(hook.id);
  io.stdout(
    `webhook ${hook.id} → ${hook.url}: ${result.success ? 'delivered' : 'failed'}${result.responseStatus !== undefined ? `, listener answered ${result.responseStatus}` : ''}${result.errorMessage ? ` (${result.errorMessage})` : ''}\n`,
  );
  if (result.responseBody) io.stdout(`${result.responseBody}\n`);
  return result.success ? 0 : 1;
}
