import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@mlflow-kserve/core';
import { mlflowKserveMiddleware } from '@mlflow-kserve/express';
import { createLambdaHandler } from '@mlflow-kserve/lambda';
import type { Delivery } from './harness/delivery-proxy.js';
import { cli } from './harness/listener.js';
import { waitFor } from './harness/processes.js';
import { lower, namespace, repoRoot, startWorld, type World } from './harness/world.js';

let world: World;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const predictor = (isvc: { spec?: unknown }) => (isvc.spec as { predictor: Record<string, any> }).predictor;

beforeAll(async () => {
  world = await startWorld({ MLFLOW_KSERVE_DEPLOY_ALIASES: 'champion', MLFLOW_KSERVE_CANARY_TRAFFIC_PERCENT: '25' });
});

afterAll(async () => {
  await world?.stop();
});

describe('alias deployments against real MLflow and a real API server', () => {
  it('alias set → one stable service; moved → same name, new storage, canaryTrafficPercent 25; promote → removed; alias deleted → gone', async () => {
    await world.model('fraud-e2e');
    const v1 = await world.version('fraud-e2e', {}, 's3://e2e-bucket/fraud/1');
    const v2 = await world.version('fraud-e2e', {}, 's3://e2e-bucket/fraud/2');
    await world.setAlias('fraud-e2e', 'champion', v1);
    const first = await world.present('mlflow-fraud-e2e-champion');
    expect(first.metadata.annotations).toMatchObject({
      'mlflow-kserve.io/model-name': 'fraud-e2e',
      'mlflow-kserve.io/model-alias': 'champion',
      'mlflow-kserve.io/model-version': v1,
    });
    expect(predictor(first).model.storageUri).toBe('s3://e2e-bucket/fraud/1');
    expect(predictor(first).canaryTrafficPercent).toBeUndefined();

    // MLflow's own alias deliveries: created carries the version; deleted will not.
    const created = await waitFor('the alias delivery', async () =>
      world.proxy.forModel('fraud-e2e').find((d) => d.body.includes('"entity": "model_version_alias"')),
    );
    expect(created.body.toString()).toContain(`"data": {"name": "fraud-e2e", "alias": "champion", "version": "${v1}"}`);

    await world.setAlias('fraud-e2e', 'champion', v2);
    const moved = await world.present('mlflow-fraud-e2e-champion', (i) => predictor(i).model.storageUri === 's3://e2e-bucket/fraud/2');
    expect(moved.metadata.uid).toBe(first.metadata.uid);
    expect(moved.metadata.annotations?.['mlflow-kserve.io/model-version']).toBe(v2);
    expect(predictor(moved).canaryTrafficPercent).toBe(25);

    const promoted = await cli(repoRoot, { ...process.env, ...world.settings }, ['promote', 'fraud-e2e', 'champion']);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain('updated (serving version 2)');
    const after = await world.present('mlflow-fraud-e2e-champion', (i) => predictor(i).canaryTrafficPercent === undefined);
    expect(predictor(after).model.storageUri).toBe('s3://e2e-bucket/fraud/2');

    await world.deleteAlias('fraud-e2e', 'champion');
    await world.absent('mlflow-fraud-e2e-champion');
    const deleted = await waitFor('the alias deleted delivery', async () =>
      world.proxy.forModel('fraud-e2e').find((d) => d.body.includes('"action": "deleted"')),
    );
    expect(deleted.body.toString()).toContain('"data": {"name": "fraud-e2e", "alias": "champion"}}');
    expect(world.answered(deleted)).toMatchObject({ action: 'deleted', alias: 'champion', model_version: null });
  });

  it('an alias that is not configured → 200 ignored, nothing created', async () => {
    await world.model('staging-e2e');
    const v = await world.version('staging-e2e');
    await world.setAlias('staging-e2e', 'staging', v);
    const delivery = await waitFor('the staging delivery', async () =>
      world.proxy.forModel('staging-e2e').find((d) => d.body.includes('"alias": "staging"') && d.status === 200),
    );
    expect(world.answered(delivery)).toMatchObject({ action: 'ignored' });
    expect(await world.managedNames('mlflow-staging-e2e')).toEqual([]);
  });

  it('the registered model deleted in MLflow (no event) → its alias service gone after reconcile; sync @alias agrees', async () => {
    await world.model('churn-e2e');
    const v = await world.version('churn-e2e');
    await world.setAlias('churn-e2e', 'champion', v);
    await world.present('mlflow-churn-e2e-champion');
    const sync = await cli(repoRoot, { ...process.env, ...world.settings }, ['sync', 'churn-e2e', '@champion']);
    expect(sync.stdout).toContain('unchanged');
    world.proxy.swallowWhen((d) => d.body.includes('"name": "churn-e2e"'));
    try {
      await world.mlflow.api('DELETE', 'registered-models/delete', { name: 'churn-e2e' });
      await world.proxy.settle();
    } finally {
      world.proxy.swallowWhen(undefined);
    }
    expect(await world.getIsvc('mlflow-churn-e2e-champion')).not.toBeNull();
    const run = await cli(repoRoot, { ...process.env, ...world.settings }, ['reconcile']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/delete\s+done\s+mlflow-churn-e2e-champion/);
    await world.absent('mlflow-churn-e2e-champion');
  });

  it('the Express middleware and the Lambda handler, fed MLflow’s exact alias delivery → the same alias service', async () => {
    await world.model('lx-e2e');
    const v = await world.version('lx-e2e');
    world.proxy.swallowWhen((d) => d.body.includes('"name": "lx-e2e"'));
    let captured: Delivery;
    try {
      await world.setAlias('lx-e2e', 'champion', v);
      captured = await waitFor('a captured alias delivery', async () =>
        world.proxy.forModel('lx-e2e').find((d) => d.body.includes('"alias": "champion"')),
      );
    } finally {
      world.proxy.swallowWhen(undefined);
    }
    const headers = Object.fromEntries(Object.entries(captured.headers).filter(([, value]) => typeof value === 'string')) as Record<
      string,
      string
    >;
    const config = loadConfig({}, lower(world.settings));

    const lambda = await createLambdaHandler({ config, logger: quiet })({
      version: '2.0',
      rawPath: '/webhook',
      headers,
      body: captured.body.toString('base64'),
      isBase64Encoded: true,
      requestContext: { stage: '$default', http: { method: 'POST' } },
    });
    expect(lambda.statusCode, lambda.body).toBe(200);
    expect(JSON.parse(lambda.body)).toMatchObject({
      action: 'created',
      inference_service: 'mlflow-lx-e2e-champion',
      alias: 'champion',
      model_version: v,
      namespace,
    });
    await world.present('mlflow-lx-e2e-champion');

    await world.kube.custom.deleteNamespacedCustomObject({
      group: 'serving.kserve.io',
      version: 'v1beta1',
      plural: 'inferenceservices',
      namespace,
      name: 'mlflow-lx-e2e-champion',
    });
    await world.absent('mlflow-lx-e2e-champion');
    const app = express();
    const middleware = mlflowKserveMiddleware({ config, logger: quiet });
    app.use(middleware);
    await middleware.ready;
    const server = await new Promise<import('node:http').Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const { port } = server.address() as import('node:net').AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST', headers, body: captured.body });
      expect(await answer.json()).toMatchObject({ action: 'created', inference_service: 'mlflow-lx-e2e-champion' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await world.present('mlflow-lx-e2e-champion');
  });
});
