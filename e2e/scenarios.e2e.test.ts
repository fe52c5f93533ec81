import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InferenceServiceManifest, loadConfig } from '@mlflow-kserve/core';
import { createKubePort } from '@mlflow-kserve/core/kube';
import { RestMlflowClient } from '@mlflow-kserve/core/mlflow';
import { createLambdaHandler } from '@mlflow-kserve/lambda';
import type { Delivery } from './harness/delivery-proxy.js';
import { httpApiEvent } from './harness/http-helpers.js';
import { cli } from './harness/listener.js';
import { tail, waitFor } from './harness/processes.js';
import { lower, namespace, repoRoot, secret, startWorld, type World } from './harness/world.js';

const group = { group: 'serving.kserve.io', version: 'v1beta1', plural: 'inferenceservices', namespace } as const;
let world: World;
// Short names for the scenarios below.
let kube: World['kube'];
let mlflow: World['mlflow'];
let proxy: World['proxy'];
let listener: World['listener'];
let settings: Record<string, string>;
let dir: string;
const present = (name: string) => world.present(name);
const absent = (name: string) => world.absent(name);
const managedNames = (prefix: string) => world.managedNames(prefix);
const model = (name: string) => world.model(name);
const version = (name: string, tags?: Record<string, string>) => world.version(name, tags);
const setTag = (name: string, v: string, key: string, value: string) => world.setTag(name, v, key, value);
const deleteTag = (name: string, v: string, key: string) => world.deleteTag(name, v, key);
const answered = (d: Delivery) => world.answered(d);

beforeAll(async () => {
  // The original three events only: alias deliveries are exercised in aliases.e2e.test.ts.
  world = await startWorld({}, [
    { entity: 'MODEL_VERSION_TAG', action: 'SET' },
    { entity: 'MODEL_VERSION_TAG', action: 'DELETED' },
    { entity: 'MODEL_VERSION', action: 'CREATED' },
  ]);
  ({ kube, mlflow, proxy, listener, settings, dir } = world);
});

afterAll(async () => {
  await world?.stop();
});

describe('against real MLflow and a real Kubernetes API server', () => {
  it('1. deploy=true → InferenceService with the right name, labels, annotations and storageUri, strict-validated by the full CRD', async () => {
    await model('iris-e2e');
    const v = await version('iris-e2e');
    await setTag('iris-e2e', v, 'deploy', 'true');
    const isvc = await present('mlflow-iris-e2e-v1');
    expect(isvc.metadata.namespace).toBe(namespace);
    expect(isvc.metadata.labels).toMatchObject({ 'managed-by': 'mlflow-kserve', 'mlflow.model': 'iris-e2e', 'mlflow.version': '1' });
    expect(isvc.metadata.annotations).toMatchObject({ 'mlflow-kserve.io/model-name': 'iris-e2e', 'mlflow-kserve.io/model-version': '1' });
    expect((isvc.spec as any).predictor.model).toMatchObject({
      modelFormat: { name: 'mlflow' },
      protocolVersion: 'v2',
      storageUri: 's3://e2e-bucket/iris-e2e/artifacts/',
    });
    expect((isvc.metadata['managedFields'] as { manager: string }[]).map((f) => f.manager)).toContain('mlflow-kserve');

    // Strict validation is real: the same port refuses a field the CRD does not declare.
    const port = createKubePort(loadConfig({}, { ...lower(settings) }));
    const bogus = {
      ...isvc,
      metadata: { name: 'bogus-e2e', namespace },
      spec: { predictor: { model: { ...(isvc.spec as any).predictor.model, notAField: true } } },
    };
    await expect(port.apply(bogus as InferenceServiceManifest, { resourceVersion: undefined })).rejects.toThrow(/notAField|unknown field/);
  });

  it('2. deploy=false → deleted; true again → recreated; tag deleted → deleted', async () => {
    await setTag('iris-e2e', '1', 'deploy', 'false');
    await absent('mlflow-iris-e2e-v1');
    await setTag('iris-e2e', '1', 'deploy', 'True');
    await present('mlflow-iris-e2e-v1');
    await deleteTag('iris-e2e', '1', 'deploy');
    await absent('mlflow-iris-e2e-v1');
  });

  it('3. a version created with deploy=true among its tags → deployed', async () => {
    const v = await version('iris-e2e', { deploy: 'true', owner: 'e2e' });
    await present(`mlflow-iris-e2e-v${v}`);
  });

  it('4. the listener answers 503 once → MLflow retries the same delivery → one InferenceService; the same tag again → unchanged', async () => {
    await model('retry-e2e');
    const v = await version('retry-e2e');
    // Only the tag event: MLflow's model_version.created delivery for this version may still be in flight.
    proxy.failNext(1, 503, (d) => d.body.includes('"name": "retry-e2e"') && d.body.includes('"key": "deploy"'));
    await setTag('retry-e2e', v, 'deploy', 'true');
    await present('mlflow-retry-e2e-v1');
    await proxy.settle();
    const attempts = proxy.forModel('retry-e2e').filter((d) => d.body.includes('"key": "deploy"'));
    expect(attempts.map((d) => d.status)).toEqual([503, 200]);
    expect(attempts[1]!.headers['x-mlflow-delivery-id']).toBe(attempts[0]!.headers['x-mlflow-delivery-id']);
    expect(attempts[1]!.headers['x-mlflow-signature']).toBe(attempts[0]!.headers['x-mlflow-signature']);
    expect(answered(attempts[1]!)['action']).toBe('created');
    expect(await managedNames('mlflow-retry-e2e')).toEqual(['mlflow-retry-e2e-v1']);

    await setTag('retry-e2e', v, 'deploy', 'true');
    const again = await waitFor(
      'the answer to the repeated tag',
      async () => proxy.forModel('retry-e2e').filter((d) => d.body.includes('"key": "deploy"'))[2]?.answer || undefined,
    );
    expect(JSON.parse(again)['action']).toBe('unchanged');
  });

  it('5. a webhook registered with a different secret → 401, nothing created', async () => {
    const bad = await mlflow.api<{ webhook: { webhook_id: string } }>('POST', 'webhooks', {
      name: 'wrong-secret',
      url: `${proxy.url}/bad`,
      events: [{ entity: 'MODEL_VERSION_TAG', action: 'SET' }],
      secret: 'not-the-listeners-secret',
    });
    proxy.swallowWhen((d) => d.path === '/good' && d.body.includes('"name": "secret-e2e"'));
    try {
      await model('secret-e2e');
      const v = await version('secret-e2e');
      await setTag('secret-e2e', v, 'deploy', 'true');
      const rejected = await waitFor('the wrong-secret delivery', async () =>
        proxy.forModel('secret-e2e').find((d) => d.path === '/bad' && d.status !== 0),
      );
      expect(rejected.status).toBe(401);
      expect(answered(rejected)['error']['message']).toContain('signature_mismatch');
      const test = await mlflow.api<{ result: { success: boolean; response_status: number } }>(
        'POST',
        `webhooks/${bad.webhook.webhook_id}/test`,
        {},
      );
      expect(test.result).toMatchObject({ success: false, response_status: 401 });
      await proxy.settle();
      expect(await managedNames('mlflow-secret-e2e')).toEqual([]);
    } finally {
      await mlflow.api('DELETE', `webhooks/${bad.webhook.webhook_id}`);
      proxy.swallowWhen(undefined);
    }
  });

  it('6. API server stopped → the listener answers 500 and MLflow retries; back up, a reconcile converges', async () => {
    await model('outage-e2e');
    const v = await version('outage-e2e');
    await kube.stopApiServer();
    try {
      await setTag('outage-e2e', v, 'deploy', 'true');
      await waitFor(
        'a 500 and a retry',
        async () => {
          const attempts = proxy.forModel('outage-e2e').filter((d) => d.body.includes('"key": "deploy"'));
          return attempts.length >= 2 && attempts.every((d) => d.status === 500);
        },
        { timeoutMs: 60_000 },
      );
      const attempts = proxy.forModel('outage-e2e').filter((d) => d.body.includes('"key": "deploy"'));
      expect(answered(attempts[0]!)['error']['code']).toBe('kubernetes_error');
      expect(new Set(attempts.map((d) => d.headers['x-mlflow-delivery-id'])).size).toBe(1);
      expect((await fetch(`${listener.url}/health`)).status).toBe(503);
    } finally {
      await kube.startApiServer();
    }
    await proxy.settle(3000);
    const run = await cli(repoRoot, { ...process.env, ...settings }, ['reconcile']);
    expect(run.code, run.stderr).toBe(0);
    await present('mlflow-outage-e2e-v1');
    expect((await fetch(`${listener.url}/health`)).status).toBe(200);
  });

  it('7. rapid flips of the tag → the cluster equals MLflow’s final tags (before and after a reconcile)', async () => {
    await model('flip-e2e');
    const versions = [await version('flip-e2e'), await version('flip-e2e'), await version('flip-e2e')];
    const finals: Record<string, string> = {};
    for (let round = 0; round < 8; round += 1) {
      for (const v of versions) {
        const value = (round + Number(v)) % 2 === 0 ? 'true' : 'false';
        finals[v] = value;
        await setTag('flip-e2e', v, 'deploy', value);
      }
    }
    const expected = versions
      .filter((v) => finals[v] === 'true')
      .map((v) => `mlflow-flip-e2e-v${v}`)
      .sort();
    await proxy.settle(2500);
    await waitFor('convergence', async () => JSON.stringify(await managedNames('mlflow-flip-e2e')) === JSON.stringify(expected), {
      timeoutMs: 30_000,
    });
    const run = await cli(repoRoot, { ...process.env, ...settings }, ['reconcile', '-o', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { items: { name: string; action: string }[] };
    expect(report.items.filter((i) => i.name.startsWith('mlflow-flip-e2e') && i.action !== 'unchanged')).toEqual([]);
    expect(await managedNames('mlflow-flip-e2e')).toEqual(expected);
  });

  it('8. reconcile --dry-run prints the plan and writes nothing; without it applies; a version deleted in MLflow loses its InferenceService', async () => {
    await model('drift-e2e');
    const v1 = await version('drift-e2e');
    const v2 = await version('drift-e2e');
    proxy.swallowWhen((d) => d.body.includes('"name": "drift-e2e"'));
    try {
      await setTag('drift-e2e', v1, 'deploy', 'true');
      await setTag('drift-e2e', v2, 'deploy', 'true');
      await proxy.settle();
    } finally {
      proxy.swallowWhen(undefined);
    }
    const env = { ...process.env, ...settings };
    const dry = await cli(repoRoot, env, ['reconcile', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/create\s+planned\s+mlflow-drift-e2e-v1\s+drift-e2e\s+1/);
    expect(dry.stdout).toMatch(/create\s+planned\s+mlflow-drift-e2e-v2/);
    expect(await managedNames('mlflow-drift-e2e')).toEqual([]);
    const applied = await cli(repoRoot, env, ['reconcile']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(await managedNames('mlflow-drift-e2e')).toEqual(['mlflow-drift-e2e-v1', 'mlflow-drift-e2e-v2']);

    await mlflow.api('DELETE', 'model-versions/delete', { name: 'drift-e2e', version: v2 });
    const pruned = await cli(repoRoot, env, ['reconcile']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toMatch(/delete\s+done\s+mlflow-drift-e2e-v2/);
    expect(await managedNames('mlflow-drift-e2e')).toEqual(['mlflow-drift-e2e-v1']);
    const list = await cli(repoRoot, env, ['list', '-o', 'json']);
    expect(JSON.parse(list.stdout).services.map((s: { name: string }) => s.name)).toContain('mlflow-drift-e2e-v1');
  });

  it('9. the Lambda handler fed API Gateway v1 and v2 events with MLflow’s exact bytes and headers → the same outcome', async () => {
    await model('lambda-e2e');
    const v = await version('lambda-e2e');
    proxy.swallowWhen((d) => d.body.includes('"name": "lambda-e2e"'));
    let captured: Delivery;
    try {
      await setTag('lambda-e2e', v, 'deploy', 'true');
      captured = await waitFor('a captured delivery', async () =>
        proxy.forModel('lambda-e2e').find((d) => d.body.includes('"key": "deploy"')),
      );
    } finally {
      proxy.swallowWhen(undefined);
    }
    const headers = Object.fromEntries(Object.entries(captured.headers).filter(([, value]) => typeof value === 'string')) as Record<
      string,
      string
    >;
    const config = loadConfig({}, lower(settings));
    const logger = { debug() {}, info() {}, warn() {}, error() {} };

    const v1 = await createLambdaHandler({ config, logger })({
      httpMethod: 'POST',
      path: '/webhook',
      headers,
      body: captured.body.toString('base64'),
      isBase64Encoded: true,
      requestContext: { stage: 'prod' },
    });
    expect(v1.statusCode, v1.body).toBe(200);
    expect(JSON.parse(v1.body)).toEqual({ status: 'success', action: 'created', inference_service: 'mlflow-lambda-e2e-v1', namespace });
    await present('mlflow-lambda-e2e-v1');

    await kube.custom.deleteNamespacedCustomObject({ ...group, name: 'mlflow-lambda-e2e-v1' });
    await absent('mlflow-lambda-e2e-v1');
    const v2 = await createLambdaHandler({ config, logger })(httpApiEvent(headers, captured.body));
    expect(v2.statusCode, v2.body).toBe(200);
    expect(JSON.parse(v2.body)['action']).toBe('created');

    // The standalone listener, given the same bytes, agrees: it already exists now.
    const direct = await fetch(`${listener.url}/webhook`, { method: 'POST', headers, body: captured.body });
    expect(await direct.json()).toMatchObject({ status: 'success', action: 'unchanged', inference_service: 'mlflow-lambda-e2e-v1' });
  });

  it('10. MLflow closes a kept-alive connection after 5 s idle while the client is busy → the next read goes out on a new connection and is answered', async () => {
    await model('idle-e2e');
    const v = await version('idle-e2e');
    const client = new RestMlflowClient({ trackingUri: mlflow.url, maxRetries: 0 });
    expect((await client.getModelVersion('idle-e2e', v))?.version).toBe(v);
    // Busy (the event loop blocked) past uvicorn's 5 s keep-alive timeout: MLflow closes the idle connection,
    // and the client, not having run since, still holds it as free and sends the next read on it.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 6_000);
    expect((await client.getModelVersion('idle-e2e', v))?.version).toBe(v);
  });

  it('the listener logged no secret', () => {
    const log = tail(join(dir, 'listener.log'), 100_000);
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(secret);
  });
});
