import type { Config } from '../config/config-schema.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { MlflowWebhook, MlflowWebhooksPort, WebhookEventSpec } from '../ports/mlflow-webhooks-port.js';

/**
 * The MLflow events the configuration needs: tag set and deleted, version created, and alias created and
 * deleted when `deploy_aliases` is set.
 *
 * @example
 * ```ts
 * webhookEvents(config); // [{ entity: 'MODEL_VERSION_TAG', action: 'SET' }, …]
 * ```
 */
export function webhookEvents(config: Pick<Config, 'deploy_aliases'>): WebhookEventSpec[] {
  return [
    { entity: 'MODEL_VERSION_TAG', action: 'SET' },
    { entity: 'MODEL_VERSION_TAG', action: 'DELETED' },
    { entity: 'MODEL_VERSION', action: 'CREATED' },
    ...(config.deploy_aliases.length > 0
      ? [
          { entity: 'MODEL_VERSION_ALIAS', action: 'CREATED' },
          { entity: 'MODEL_VERSION_ALIAS', action: 'DELETED' },
        ]
      : []),
  ];
}

/** What {@link ensureWebhook} did. */
export interface EnsureWebhookResult {
  action: 'created' | 'updated';
  webhook: MlflowWebhook;
  /** Other webhooks with the same URL or name, left alone (delete them in MLflow if they are stale). */
  duplicates: MlflowWebhook[];
}

/**
 * Makes MLflow's webhook for this listener exist as the configuration needs it: matched by URL (else by
 * name), it is created or updated with exactly {@link webhookEvents}, the current secret and status
 * `ACTIVE`. Idempotent: a second call finds and updates the same webhook (MLflow never returns secrets, so
 * the secret is always written).
 *
 * @throws MlflowKserveError `mlflow_error` when MLflow refuses (e.g. an `http://` URL while MLflow allows
 *   only https: set `MLFLOW_WEBHOOK_ALLOWED_SCHEMES` on the MLflow server).
 * @example
 * ```ts
 * await ensureWebhook(mlflow, config, { url: 'https://hooks.example.com/webhook' }); // { action: 'created', … }
 * ```
 */
export async function ensureWebhook(
  mlflow: MlflowWebhooksPort,
  config: Pick<Config, 'deploy_aliases' | 'mlflow_webhook_secret'>,
  options: { url: string; name?: string },
): Promise<EnsureWebhookResult> {
  if (!/^https?:\/\/[^\s]+$/.test(options.url)) {
    throw new MlflowKserveError(
      'bad_request',
      `The webhook URL must be the listener's public http(s) URL ending in /webhook, got ${JSON.stringify(options.url)}.`,
      {
        retryable: false,
      },
    );
  }
  const name = options.name ?? 'mlflow-kserve';
  const wanted = { name, url: options.url, events: webhookEvents(config), secret: config.mlflow_webhook_secret, status: 'ACTIVE' as const };
  const existing = await mlflow.listWebhooks();
  const match = existing.find((w) => w.url === options.url) ?? existing.find((w) => w.name === name);
  const duplicates = existing.filter((w) => w !== match && (w.url === options.url || w.name === name));
  if (!match) return { action: 'created', webhook: await mlflow.createWebhook(wanted), duplicates };
  return { action: 'updated', webhook: await mlflow.updateWebhook(match.id, wanted), duplicates };
}
