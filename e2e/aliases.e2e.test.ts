import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@mlflow-kserve/core';
import { mlflowKserveMiddleware } from '@mlflow-kserve/express';
import { createLambdaHandler } from '@mlflow-kserve/lambda';
import type { Delivery } from './harness/delivery-proxy.js';
import { httpApiEvent } from './harness/http-helpers.js';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { cli, startListener } from './harness/listener.js';
import { waitFor } from './harness/processes.js';
import { lower, namespace, repoRoot, startWorld, type World } from './harness/world.js';

let world: World;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const predictor = (isvc: { spec?: unknown }) => (isvc.spec as { predictor: Record<string, any> }).predictor;

beforeAll(async () => {
  world = await startWorld({
    MLFLOW_KSERVE_DEPLOY_ALIASES: 'champion',
    MLFLOW_KSERVE_CANARY_TRAFFIC_PERCENT: '25',
    MLFLOW_KSERVE_OVERRIDES_ALLOWED: 'runtime,min_replicas,max_replicas,cpu_limit,memory_limit,namespace',
    MLFLOW_KSERVE_ALLOWED_NAMESPACES: 'models-gpu',
    MLFLOW_KSERVE_OVERRIDE_MAX_REPLICAS: '3',
  });
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
    expect(predictor(first).model.storageUri).toBe('s3://e2e-bucket/fraud/1/');
    expect(predictor(first).canaryTrafficPercent).toBeUndefined();

    // MLflow's own alias deliveries: created carries the version; deleted will not.
    const created = await waitFor('the alias delivery', async () =>
      world.proxy.forModel('fraud-e2e').find((d) => d.body.includes('"entity": "model_version_alias"')),
    );
    expect(created.body.toString()).toContain(`"data": {"name": "fraud-e2e", "alias": "champion", "version": "${v1}"}`);

    await world.setAlias('fraud-e2e', 'champion', v2);
    const moved = await world.present('mlflow-fraud-e2e-champion', (i) => predictor(i).model.storageUri === 's3://e2e-bucket/fraud/2/');
    expect(moved.metadata.uid).toBe(first.metadata.uid);
    expect(moved.metadata.annotations?.['mlflow-kserve.io/model-version']).toBe(v2);
    expect(predictor(moved).canaryTrafficPercent).toBe(25);

    const promoted = await cli(repoRoot, { ...process.env, ...world.settings }, ['promote', 'fraud-e2e', 'champion']);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain('updated (serving version 2)');
    const after = await world.present('mlflow-fraud-e2e-champion', (i) => predictor(i).canaryTrafficPercent === undefined);
    expect(predictor(after).model.storageUri).toBe('s3://e2e-bucket/fraud/2/');

    await world.deleteAlias('fraud-e2e', 'champion');
    await world.absent('mlflow-fraud-e2e-champion');
    // (Status write-back removes tags too: those are model_version_tag deliveries.)
    const deleted = await waitFor('the alias deleted delivery, answered', async () =>
      world.proxy
        .forModel('fraud-e2e')
        .find((d) => d.body.includes('"entity": "model_version_alias", "action": "deleted"') && d.status !== 0),
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

    const lambda = await createLambdaHandler({ config, logger: quiet })(httpApiEvent(headers, captured.body));
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

  it('config check against the real MLflow and API server → 0, each reached; a wrong MLflow base path → 1 naming MLflow; --offline → 0', async () => {
    const env = { ...process.env, ...world.settings };
    const checked = await cli(repoRoot, env, ['config', 'check']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stderr).toMatch(/mlflow: ok: .* answered as MLflow/);
    expect(checked.stderr).toMatch(/kubernetes [a-z0-9-]+: ok: listed InferenceServices in/);
    const wrong = { ...env, MLFLOW_KSERVE_MLFLOW_TRACKING_URI: `${world.settings['MLFLOW_KSERVE_MLFLOW_TRACKING_URI']}/not-mlflow` };
    const refused = await cli(repoRoot, wrong, ['config', 'check']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/mlflow: FAILED: .*MLFLOW_KSERVE_MLFLOW_TRACKING_URI/);
    expect((await cli(repoRoot, wrong, ['config', 'check', '--offline'])).code).toBe(0);
  });

  it('webhook ensure twice → one MLflow webhook with the needed events (aliases included), ACTIVE; its deliveries verify; webhook test → 200', async () => {
    const env = { ...process.env, ...world.settings };
    const url = `${world.proxy.url}/ensured`;
    for (let i = 0; i < 2; i += 1) {
      const run = await cli(repoRoot, env, ['webhook', 'ensure', '--url', url]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(i === 0 ? /^created webhook/ : /^unchanged webhook.*the secret was sent again/);
    }
    // The same URL with a trailing slash is the same webhook: updated to that spelling, not created twice.
    const slashed = await cli(repoRoot, env, ['webhook', 'ensure', '--url', `${url}/`]);
    expect(slashed.stdout, slashed.stderr).toMatch(/^updated webhook/);
    expect((await cli(repoRoot, env, ['webhook', 'ensure', '--url', url])).stdout).toMatch(/^updated webhook/);
    // MLflow refuses a name it does not accept (400): its reason is printed, exit 1.
    const refused = await cli(repoRoot, env, ['webhook', 'ensure', '--url', `${world.proxy.url}/other`, '--name', 'bad name!']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/MLflow said: Webhook name 'bad name!' is invalid/);
    expect(refused.stderr).not.toContain(world.settings['MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET']!);
    const listed = await cli(repoRoot, env, ['webhook', 'list', '-o', 'json']);
    const ours = (
      JSON.parse(listed.stdout) as { webhooks: { url: string; status: string; events: { entity: string; action: string }[] }[] }
    ).webhooks.filter((w) => w.url === url);
    expect(ours).toHaveLength(1);
    expect(ours[0]!.status).toBe('ACTIVE');
    expect(ours[0]!.events.map((e) => `${e.entity}/${e.action}`).sort()).toEqual(
      [
        'MODEL_VERSION/CREATED',
        'MODEL_VERSION_ALIAS/CREATED',
        'MODEL_VERSION_ALIAS/DELETED',
        'MODEL_VERSION_TAG/DELETED',
        'MODEL_VERSION_TAG/SET',
      ].sort(),
    );

    await world.model('ensured-e2e');
    const v = await world.version('ensured-e2e');
    await world.setTag('ensured-e2e', v, 'owner', 'e2e');
    const delivered = await waitFor('a delivery through the ensured webhook', async () =>
      world.proxy.forModel('ensured-e2e').find((d) => d.path === '/ensured' && d.body.includes('"key": "owner"') && d.status !== 0),
    );
    expect(delivered.status).toBe(200);
    expect(world.answered(delivered)).toMatchObject({ action: 'ignored' });

    const tested = await cli(repoRoot, env, ['webhook', 'test', '--url', url]);
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toContain('listener answered 200');
  });

  it('override tags on the registered model and the version → the manifest on the real API server uses them; a value beyond the bounds → 422 and kserve.status=Rejected', async () => {
    await world.model('ov-e2e');
    await world.mlflow.api('POST', 'registered-models/set-tag', { name: 'ov-e2e', key: 'kserve.runtime', value: 'kserve-mlserver' });
    await world.mlflow.api('POST', 'registered-models/set-tag', { name: 'ov-e2e', key: 'kserve.max_replicas', value: '2' });
    const v1 = await world.version('ov-e2e', {
      'kserve.max_replicas': '3',
      'kserve.min_replicas': '1',
      'kserve.cpu_limit': '2',
      deploy: 'true',
    });
    const isvc = await world.present(`mlflow-ov-e2e-v${v1}`);
    expect(predictor(isvc)).toMatchObject({ minReplicas: 1, maxReplicas: 3 });
    expect(predictor(isvc).model).toMatchObject({ runtime: 'kserve-mlserver', resources: { limits: { cpu: '2' } } });
    // An override removed in MLflow after the service was created with it → gone from the service (server-side apply).
    await world.deleteTag('ov-e2e', v1, 'kserve.min_replicas');
    const without = await world.present(
      `mlflow-ov-e2e-v${v1}`,
      (i) => i.metadata.annotations?.['mlflow-kserve.io/overrides'] === 'cpu_limit,max_replicas,runtime',
    );
    expect(predictor(without)).not.toHaveProperty('minReplicas');
    expect(predictor(without)).toMatchObject({ maxReplicas: 3 });

    const v2 = await world.version('ov-e2e', { 'kserve.max_replicas': '50', deploy: 'true' });
    const refused = await waitFor('the refused delivery', async () =>
      world.proxy.forModel('ov-e2e').find((d) => d.body.includes(`"version": "${v2}"`) && d.status === 422),
    );
    expect(world.answered(refused).error).toMatchObject({
      code: 'invalid_override',
      message: expect.stringContaining('kserve.max_replicas="50"'),
    });
    expect(await world.getIsvc(`mlflow-ov-e2e-v${v2}`)).toBeNull();
    const tags = await waitFor('Rejected in MLflow', async () => {
      const body = await world.mlflow.api<{ model_version: { tags?: { key: string; value: string }[] } }>(
        'GET',
        `model-versions/get?name=ov-e2e&version=${v2}`,
      );
      const t = Object.fromEntries((body.model_version.tags ?? []).map((x) => [x.key, x.value]));
      return t['kserve.status'] === 'Rejected' ? t : undefined;
    });
    expect(tags['kserve.message']).toContain('MLFLOW_KSERVE_OVERRIDE_MAX_REPLICAS');
    // MLflow delivers the listener's own status tag back: recognised as an echo, ignored without a read.
    const echo = await waitFor('the echo of kserve.status', async () =>
      world.proxy.forModel('ov-e2e').find((d) => d.body.includes('"key": "kserve.status"') && d.status !== 0),
    );
    expect(echo.status).toBe(200);
    expect(world.answered(echo)).toMatchObject({ action: 'ignored', reason_code: 'status_echo' });
  });

  it('kserve.namespace=models-gpu → served in the second namespace; the tag deleted → served in the first, and the second loses it', async () => {
    const inNamespace = async (ns: string, name: string) => {
      try {
        return await world.kube.custom.getNamespacedCustomObject({
          group: 'serving.kserve.io',
          version: 'v1beta1',
          plural: 'inferenceservices',
          namespace: ns,
          name,
        });
      } catch (error) {
        if ((error as { code?: number }).code === 404) return null;
        throw error;
      }
    };
    await world.model('ns-e2e');
    const v = await world.version('ns-e2e', { deploy: 'true', 'kserve.namespace': 'models-gpu' });
    await waitFor('the service in models-gpu', async () => (await inNamespace('models-gpu', `mlflow-ns-e2e-v${v}`)) ?? undefined);
    expect(await inNamespace(namespace, `mlflow-ns-e2e-v${v}`)).toBeNull();
    await world.deleteTag('ns-e2e', v, 'kserve.namespace');
    await world.present(`mlflow-ns-e2e-v${v}`);
    await waitFor('the old one gone', async () => (await inNamespace('models-gpu', `mlflow-ns-e2e-v${v}`)) === null || undefined);
    const list = await cli(repoRoot, { ...process.env, ...world.settings }, ['list', '-o', 'json']);
    expect(
      (JSON.parse(list.stdout).services as { name: string; namespace: string }[]).filter((s) => s.name.startsWith('mlflow-ns-e2e')),
    ).toEqual([expect.objectContaining({ name: `mlflow-ns-e2e-v${v}`, namespace })]);
  });

  it('serve with MLFLOW_KSERVE_WEBHOOK_PUBLIC_URL → MLflow’s webhook is created at startup, ACTIVE', async () => {
    const url = `${world.proxy.url}/at-startup`;
    const listener = await startListener(repoRoot, mkdtempSync(join(world.dir, 'startup-')), {
      ...world.settings,
      MLFLOW_KSERVE_WEBHOOK_PUBLIC_URL: url,
    });
    try {
      const env = { ...process.env, ...world.settings };
      await waitFor('the webhook created by serve', async () => {
        const listed = await cli(repoRoot, env, ['webhook', 'list', '-o', 'json']);
        return (JSON.parse(listed.stdout) as { webhooks: { url: string; status: string }[] }).webhooks.find(
          (w) => w.url === url && w.status === 'ACTIVE',
        );
      });
    } finally {
      await listener.stop();
    }
  });
});
