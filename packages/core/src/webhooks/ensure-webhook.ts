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
  /**
   * `unchanged`: name, URL, events and status already matched (the secret, which MLflow never returns, was
   * sent again); `updated`: something else differed too.
   */
  action: 'created' | 'updated' | 'unchanged';
  webhook: MlflowWebhook;
  /** Other webhooks with the same URL or name, left alone (delete them in MLflow if they are stale). */
  duplicates: MlflowWebhook[];
}

/**
 * Makes MLflow's webhook for this listener exist as the configuration needs it: matched by URL (else by
 * name), it is created or updated with exactly {@link webhookEvents}, the current secret and status
 * `ACTIVE`. URLs are compared normalised (`https://x/webhook/` and `https://X:443/webhook` are the same
 * webhook). Idempotent: a second call finds the same webhook and answers `unchanged` when every field MLflow
 * shows matches; the secret is always written again (MLflow never returns secrets, so it cannot be compared).
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
  const url = normalizedUrl(options.url);
  const sameUrl = (w: MlflowWebhook) => normalizedUrl(w.url) === url;
  const match = existing.find(sameUrl) ?? existing.find((w) => w.name === name);
  const duplicates = existing.filter((w) => w !== match && (sameUrl(w) || w.name === name));
  if (!match) return { action: 'created', webhook: await mlflow.createWebhook(wanted), duplicates };
  const webhook = await mlflow.updateWebhook(match.id, wanted);
  return { action: sameFields(match, wanted) ? 'unchanged' : 'updated', webhook, duplicates };
}

/** A URL as MLflow would call it: scheme and host lowercased, default port and trailing slashes dropped. */
function normalizedUrl(text: string): string {
  try {
    const url = new URL(text);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return text;
  }
}

/** Every field MLflow shows (the secret it never does) as wanted; events in any order. */
function sameFields(current: MlflowWebhook, wanted: Omit<MlflowWebhook, 'id'>): boolean {
  const events = (list: WebhookEventSpec[]) =>
    list
      .map((e) => `${e.entity}/${e.action}`.toUpperCase())
      .sort()
      .join(',');
  return (
    current.name === wanted.name &&
    current.url === wanted.url &&
    current.status === wanted.status &&
    events(current.events) === events(wanted.events)
  );
}
