import { describe, expect, it } from 'vitest';
import { eventBody, signedRequest, tagEventBody } from '../testing/signed-request.js';
import { testDeps, testSecret } from '../testing/test-deps.js';
import type { Metrics } from '../observe/metrics.js';
import { createWebhookHandler } from './create-webhook-handler.js';

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

function setup(overrides: Record<string, unknown> = {}, extra: { metrics?: Metrics; logger?: any } = {}) {
  const deps = testDeps({ deploy_aliases: 'champion', ...overrides });
  deps.mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1' });
  deps.mlflow.addVersion({ name: 'fraud', version: '2', source: 's3://b/fraud/2' });
  const handle = createWebhookHandler({ ...deps, ...extra });
  const alias = (action: 'created' | 'deleted', alias: string, version?: string, deliveryId?: string) =>
    handle(
      signedRequest({
        secret: testSecret,
        body: eventBody('model_version_alias', action, version ? { name: 'fraud', alias, version } : { name: 'fraud', alias }),
        ...(deliveryId ? { deliveryId } : {}),
      }),
    );
  return { ...deps, handle, alias };
}

describe('createWebhookHandler, alias events', () => {
  it('alias champion created → 200 created mlflow-fraud-champion with alias and model_version', async () => {
    const { mlflow, alias } = setup();
    mlflow.setAlias('fraud', 'champion', '1');
    const response = await alias('created', 'champion', '1');
    expect(json(response.body)).toEqual({
      status: 'success',
      action: 'created',
      inference_service: 'mlflow-fraud-champion',
      namespace: 'kserve-mlflow-models',
      alias: 'champion',
      model_version: '1',
    });
  });

  it('alias moved (created for 2) → updated; a late created event for 1 → unchanged, still serving 2', async () => {
    const { mlflow, kube, alias } = setup();
    mlflow.setAlias('fraud', 'champion', '1');
    await alias('created', 'champion', '1');
    mlflow.setAlias('fraud', 'champion', '2');
    expect(json((await alias('created', 'champion', '2')).body)).toMatchObject({ action: 'updated', model_version: '2' });
    expect(json((await alias('created', 'champion', '1')).body)).toMatchObject({ action: 'unchanged', model_version: '2' });
    expect(kube.objects.get('kserve-mlflow-models/mlflow-fraud-champion')!.metadata.annotations!['mlflow-kserve.io/model-version']).toBe(
      '2',
    );
  });

  it('alias deleted → 200 deleted; a stale deleted event while the alias exists again → unchanged (MLflow decides)', async () => {
    const { mlflow, kube, alias } = setup();
    mlflow.setAlias('fraud', 'champion', '1');
    await alias('created', 'champion', '1');
    mlflow.deleteAlias('fraud', 'champion');
    expect(json((await alias('deleted', 'champion')).body)).toMatchObject({ action: 'deleted', model_version: null });
    expect(kube.objects.size).toBe(0);
    mlflow.setAlias('fraud', 'champion', '2');
    await alias('created', 'champion', '2');
    const stale = json((await alias('deleted', 'champion')).body);
    expect(stale).toMatchObject({ action: 'unchanged', model_version: '2' });
    expect(stale).not.toHaveProperty('reason');
    expect(kube.objects.size).toBe(1);
  });

  it('alias not configured → 200 ignored, no MLflow call', async () => {
    const { mlflow, alias } = setup();
    const response = await alias('created', 'staging', '1');
    expect(json(response.body)).toMatchObject({ action: 'ignored', reason: expect.stringContaining('MLFLOW_KSERVE_DEPLOY_ALIASES') });
    expect(mlflow.calls).toEqual([]);
  });

  it('aliases off (default) → alias events ignored', async () => {
    const { mlflow, alias } = setup({ deploy_aliases: '' });
    mlflow.setAlias('fraud', 'champion', '1');
    expect(json((await alias('created', 'champion', '1')).body)['action']).toBe('ignored');
  });
});

describe('createWebhookHandler, deliveries', () => {
  it('three copies of one delivery id arriving together → processed once, all three get the answer', async () => {
    const { mlflow, kube, handle } = setup();
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    const request = signedRequest({
      secret: testSecret,
      body: tagEventBody('iris-classifier', '3', 'deploy', 'true'),
      deliveryId: 'same-id',
    });
    const answers = await Promise.all([handle(request), handle(request), handle(request)]);
    expect(answers.map((a) => json(a.body)['action'])).toEqual(['created', 'created', 'created']);
    expect(mlflow.calls.filter((c) => c.op === 'getModelVersion')).toHaveLength(2); // one read, one check after the write
    expect(kube.writes).toBe(1);
  });

  it('MLflow slower than delivery_deadline_seconds → 502 with Retry-After at the deadline, and no write afterwards', async () => {
    const { mlflow, kube, handle } = setup({ delivery_deadline_seconds: 1 });
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    const original = mlflow.getModelVersion.bind(mlflow);
    let late!: Promise<unknown>;
    mlflow.getModelVersion = (name, version) => {
      late = new Promise((resolve) => setTimeout(resolve, 1500)).then(() => original(name, version));
      return late as never;
    };
    const started = Date.now();
    const response = await handle(signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'deploy', 'true') }));
    expect(Date.now() - started).toBeLessThan(1400);
    expect(response.status).toBe(502);
    expect(response.headers['retry-after']).toBeDefined();
    expect(json(response.body)['error']).toMatchObject({ message: expect.stringContaining('MLFLOW_KSERVE_DELIVERY_DEADLINE_SECONDS') });
    await late;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(kube.writes).toBe(0);
  });

  it('signed events with made-up entity and action → counted as other/other; rejections counted by reason', async () => {
    const events: [string, string][] = [];
    const rejected: string[] = [];
    const metrics: Metrics = {
      webhookEvent: (e, a) => events.push([e, a]),
      webhookRejected: (r) => rejected.push(r),
      inferenceServiceOperation() {},
      webhookDuration() {},
      mlflowApiError() {},
      kubernetesApiError() {},
    };
    const { handle } = setup({}, { metrics });
    await handle(signedRequest({ secret: testSecret, body: eventBody('x'.repeat(40), 'zap', { name: 'm' }) }));
    await handle(
      signedRequest({ secret: testSecret, body: eventBody('model_version_tag', 'set', { name: 'm', version: '1', key: 'a', value: 'b' }) }),
    );
    await handle(signedRequest({ secret: 'wrong', body: tagEventBody('m', '1', 'deploy', 'true') }));
    await handle(signedRequest({ secret: testSecret, body: tagEventBody('m', '1', 'deploy', 'true'), timestamp: 1 }));
    expect(events).toEqual([
      ['other', 'other'],
      ['model_version_tag', 'set'],
    ]);
    expect(rejected).toEqual(['signature_mismatch', 'timestamp_too_old']);
  });

  it('an unverified request with a 15 KiB delivery id → logged clipped to 64 characters', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (fields: Record<string, unknown>) => lines.push(fields) };
    const { handle } = setup({}, { logger });
    await handle(signedRequest({ secret: 'wrong', body: tagEventBody('m', '1', 'deploy', 'true'), deliveryId: 'd'.repeat(15_000) }));
    expect(String(lines[0]!['delivery_id']).length).toBeLessThanOrEqual(65);
  });
});
