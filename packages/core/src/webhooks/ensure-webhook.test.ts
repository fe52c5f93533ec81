import { describe, expect, it } from 'vitest';
import { testDeps } from '../testing/test-deps.js';
import { ensureWebhook, webhookEvents } from './ensure-webhook.js';

describe('ensureWebhook', () => {
  it('none yet → created with the needed events, the secret, ACTIVE; again → the same one updated (still one)', async () => {
    const { mlflow, config } = testDeps();
    const first = await ensureWebhook(mlflow, config, { url: 'https://hooks.example.com/webhook' });
    expect(first.action).toBe('created');
    const second = await ensureWebhook(
      mlflow,
      { ...config, mlflow_webhook_secret: 'rotated' },
      { url: 'https://hooks.example.com/webhook' },
    );
    expect(second).toMatchObject({ action: 'unchanged', duplicates: [] });
    expect(mlflow.webhooks.size).toBe(1);
    expect([...mlflow.webhooks.values()][0]).toMatchObject({
      url: 'https://hooks.example.com/webhook',
      status: 'ACTIVE',
      secret: 'rotated',
      events: webhookEvents(config),
    });
  });

  it('aliases configured → the alias events too; a webhook found by name with an old URL → moved to the new one', async () => {
    const { mlflow, config } = testDeps({ deploy_aliases: 'champion' });
    await mlflow.createWebhook({ name: 'mlflow-kserve', url: 'http://old/webhook', events: [], secret: 'x', status: 'ACTIVE' });
    const result = await ensureWebhook(mlflow, config, { url: 'https://new.example.com/webhook' });
    expect(result.action).toBe('updated');
    expect(result.webhook.url).toBe('https://new.example.com/webhook');
    expect(result.webhook.events.map((e) => `${e.entity}/${e.action}`)).toEqual([
      'MODEL_VERSION_TAG/SET',
      'MODEL_VERSION_TAG/DELETED',
      'MODEL_VERSION/CREATED',
      'MODEL_VERSION_ALIAS/CREATED',
      'MODEL_VERSION_ALIAS/DELETED',
    ]);
  });

  it('existing https://x/webhook/ asked for https://X:443/webhook → the same webhook (updated to the new spelling), no second one', async () => {
    const { mlflow, config } = testDeps();
    await ensureWebhook(mlflow, config, { url: 'https://hooks.example.com/webhook/' });
    const again = await ensureWebhook(mlflow, config, { url: 'https://HOOKS.example.com:443/webhook', name: 'other-name' });
    expect(again.action).toBe('updated');
    expect(mlflow.webhooks.size).toBe(1);
    expect(await ensureWebhook(mlflow, config, { url: 'https://HOOKS.example.com:443/webhook', name: 'other-name' })).toMatchObject({
      action: 'unchanged',
    });
  });

  it('the events differ (aliases configured since) → updated, not unchanged', async () => {
    const { mlflow, config } = testDeps();
    await ensureWebhook(mlflow, config, { url: 'https://hooks.example.com/webhook' });
    const withAliases = { ...config, deploy_aliases: ['champion'] };
    expect((await ensureWebhook(mlflow, withAliases, { url: 'https://hooks.example.com/webhook' })).action).toBe('updated');
  });

  it('a URL that is not http(s) → bad_request, nothing written', async () => {
    const { mlflow, config } = testDeps();
    await expect(ensureWebhook(mlflow, config, { url: 'hooks.example.com/webhook' })).rejects.toMatchObject({ code: 'bad_request' });
    expect(mlflow.webhooks.size).toBe(0);
  });
});

describe('keepWebhookEnsured', () => {
  it('MLflow failing twice → retried in the background until the webhook exists; never throws', async () => {
    const { createRuntime } = await import('../runtime/runtime.js');
    const { keepWebhookEnsured } = await import('./keep-webhook-ensured.js');
    const deps = testDeps({ webhook_public_url: 'https://hooks.example.com/webhook' });
    deps.mlflow.failNext('listWebhooks', 2);
    const stop = keepWebhookEnsured(createRuntime(deps), async () => undefined);
    for (let i = 0; i < 100 && deps.mlflow.webhooks.size === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
    stop();
    expect([...deps.mlflow.webhooks.values()].map((w) => w.url)).toEqual(['https://hooks.example.com/webhook']);
  });
});
