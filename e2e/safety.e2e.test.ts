import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestMlflowClient } from '@mlflow-kserve/core/mlflow';
import { cli, startListener } from './harness/listener.js';
import { waitFor } from './harness/processes.js';
import { SlowProxy } from './harness/slow-proxy.js';
import { installChartIdentity } from './harness/chart-identity.js';
import { namespace, repoRoot, startWorld, type World } from './harness/world.js';

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  await world?.stop();
});

const raw = async (path: string) => {
  const response = await fetch(`${world.mlflow.url}/api/2.0/mlflow/${path}`);
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined };
};

describe('never undeploy on a misread (real MLflow, real API server)', () => {
  it('real MLflow 3.17: missing version and missing model → 404 RESOURCE_DOES_NOT_EXIST; missing alias → 400 INVALID_PARAMETER_VALUE; the client reads each as absent', async () => {
    await world.model('exists-e2e');
    const v = await world.version('exists-e2e');
    expect(await raw(`model-versions/get?name=exists-e2e&version=99`)).toMatchObject({
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST' },
    });
    expect(await raw(`model-versions/get?name=no-such-model-e2e&version=1`)).toMatchObject({
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST' },
    });
    expect(await raw(`registered-models/alias?name=exists-e2e&alias=champion`)).toMatchObject({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE' },
    });
    expect(await raw(`registered-models/alias?name=no-such-model-e2e&alias=champion`)).toMatchObject({
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST' },
    });
    const client = new RestMlflowClient({ trackingUri: world.mlflow.url });
    expect(await client.getModelVersion('exists-e2e', '99')).toBeNull();
    expect(await client.getModelVersion('no-such-model-e2e', '1')).toBeNull();
    expect(await client.getModelVersionByAlias('exists-e2e', 'champion')).toBeNull();
    expect(await client.getModelVersionByAlias('no-such-model-e2e', 'champion')).toBeNull();
    await world.setAlias('exists-e2e', 'champion', v);
    expect((await client.getModelVersionByAlias('exists-e2e', 'champion'))?.version).toBe(v);
  });

  it('tracking URI with a wrong base path (MLflow answers an HTML 404) → redelivery answers 502, startup reconcile and reconcile delete nothing, reconcile exits non-zero', async () => {
    await world.model('misread-e2e');
    const v = await world.version('misread-e2e');
    await world.setTag('misread-e2e', v, 'deploy', 'true');
    await world.present('mlflow-misread-e2e-v1');
    const wrong = `${world.mlflow.url}/wrong-prefix`;
    const page = await fetch(`${wrong}/api/2.0/mlflow/model-versions/get?name=misread-e2e&version=1`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');

    const delivery = await waitFor('the deploy delivery', async () =>
      world.proxy.forModel('misread-e2e').find((d) => d.body.includes('"key": "deploy"') && d.status === 200),
    );
    const settings = { ...world.settings, MLFLOW_KSERVE_MLFLOW_TRACKING_URI: wrong, MLFLOW_KSERVE_RECONCILE_ON_STARTUP: 'true' };
    const misled = await startListener(repoRoot, mkdtempSync(join(world.dir, 'misled-')), settings);
    try {
      const headers = Object.fromEntries(Object.entries(delivery.headers).filter(([, value]) => typeof value === 'string')) as Record<
        string,
        string
      >;
      const replay = await fetch(`${misled.url}/webhook`, { method: 'POST', headers, body: delivery.body });
      expect(replay.status).toBe(502);
      expect(((await replay.json()) as any).error.code).toBe('mlflow_error');
      expect((await fetch(`${misled.url}/readyz`)).status).toBe(503);
    } finally {
      await misled.stop();
    }
    const run = await cli(repoRoot, { ...process.env, ...settings }, ['reconcile']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('MLFLOW_KSERVE_MLFLOW_TRACKING_URI');
    expect(await world.getIsvc('mlflow-misread-e2e-v1')).not.toBeNull();
  });

  it('a reconcile whose search answer is held back while a webhook undeploys → the stale plan does not bring the service back', async () => {
    await world.model('stale-e2e');
    const v = await world.version('stale-e2e');
    // MLflow says deploy=true, but the listener never heard of it: a snapshot will want a service.
    world.proxy.swallowWhen((d) => d.body.includes('"name": "stale-e2e"'));
    try {
      await world.setTag('stale-e2e', v, 'deploy', 'true');
      await world.proxy.settle();
    } finally {
      world.proxy.swallowWhen(undefined);
    }
    const slow = new SlowProxy(world.mlflow.url);
    await slow.start();
    try {
      slow.delay((path) => path.includes('model-versions/search'), 5000);
      const running = cli(repoRoot, { ...process.env, ...world.settings, MLFLOW_KSERVE_MLFLOW_TRACKING_URI: slow.url }, [
        'reconcile',
        '-o',
        'json',
      ]);
      await waitFor('the search to reach MLflow', async () => slow.seen.some((p) => p.includes('model-versions/search')));
      await world.setTag('stale-e2e', v, 'deploy', 'false');
      const undeploy = await waitFor('the undeploy delivery', async () =>
        world.proxy.forModel('stale-e2e').find((d) => d.body.includes('"value": "false"') && d.status === 200),
      );
      expect(world.answered(undeploy)['action']).toBe('unchanged');
      const run = await running;
      expect(run.code, run.stderr).toBe(0);
      const item = (JSON.parse(run.stdout) as { items: { name: string; action: string }[] }).items.find(
        (i) => i.name === 'mlflow-stale-e2e-v1',
      );
      expect(item?.action).toBe('unchanged');
      expect(await world.getIsvc('mlflow-stale-e2e-v1')).toBeNull();
    } finally {
      await slow.stop();
    }
  });

  it('directory target, a model named "yes" → the written file is accepted as YAML by the real API server (sigs.k8s.io/yaml) with every annotation a string', async () => {
    await world.model('yes');
    const v = await world.version('yes', { deploy: 'true' });
    const target = mkdtempSync(join(world.dir, 'gitops-'));
    const run = await cli(
      repoRoot,
      { ...process.env, ...world.settings, MLFLOW_KSERVE_KUBE_TARGET: `dir:${target}`, MLFLOW_KSERVE_KUBE_NAMESPACE: 'gitops' },
      ['sync', 'yes', v],
    );
    expect(run.code, run.stderr).toBe(0);
    const yaml = readFileSync(join(target, 'gitops', 'mlflow-yes-v1.yaml'), 'utf8');
    expect(yaml).toContain('mlflow-kserve.io/model-name: "yes"');
    const created = await world.kube.request(
      'POST',
      '/apis/serving.kserve.io/v1beta1/namespaces/gitops/inferenceservices?fieldValidation=Strict',
      yaml,
      'application/yaml',
    );
    expect(created.status, created.text).toBe(201);
    const object = JSON.parse(created.text) as { metadata: { labels: Record<string, unknown>; annotations: Record<string, unknown> } };
    expect(object.metadata.annotations['mlflow-kserve.io/model-name']).toBe('yes');
    for (const value of [...Object.values(object.metadata.labels), ...Object.values(object.metadata.annotations)])
      expect(typeof value).toBe('string');
    expect(namespace).not.toBe('gitops');
  });

  it('mlflow-kserve status sync (the Lambda way) → a service’s status written onto its MLflow version once; a second pass writes nothing', async () => {
    await world.model('statussync-e2e');
    const v = await world.version('statussync-e2e', { deploy: 'true' });
    // A namespace the running listener does not watch, so only the command writes status here; the command runs as
    // a second installation of the chart would (its own ServiceAccount, with the chart's RBAC in that namespace).
    const second = await installChartIdentity(
      world.kube,
      world.dir,
      { kubeNamespace: 'statusonly', allowedNamespaces: [], preflight: world.settings['MLFLOW_KSERVE_PREFLIGHT'] },
      'mlflow-kserve-statusonly',
    );
    const env = {
      ...process.env,
      ...world.settings,
      MLFLOW_KSERVE_KUBE_NAMESPACE: 'statusonly',
      MLFLOW_KSERVE_KUBE_CONFIG: second.kubeconfigPath,
    };
    const synced = await cli(repoRoot, env, ['sync', 'statussync-e2e', v]);
    expect(synced.code, synced.stderr).toBe(0);
    const path = `/apis/serving.kserve.io/v1beta1/namespaces/statusonly/inferenceservices/mlflow-statussync-e2e-v${v}/status`;
    const patched = await world.kube.request(
      'PATCH',
      path,
      JSON.stringify({ status: { url: 'http://statussync.example.com', conditions: [{ type: 'Ready', status: 'True' }] } }),
      'application/merge-patch+json',
    );
    expect(patched.status, patched.text).toBe(200);
    const first = await cli(repoRoot, env, ['status', 'sync', '-o', 'json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ services: 1, failed: [] });
    const body = await world.mlflow.api<{ model_version: { tags?: { key: string; value: string }[] } }>(
      'GET',
      `model-versions/get?name=statussync-e2e&version=${v}`,
    );
    const tags = Object.fromEntries((body.model_version.tags ?? []).map((t) => [t.key, t.value]));
    expect(tags).toMatchObject({
      'kserve.status': 'Ready',
      'kserve.url': 'http://statussync.example.com',
      'kserve.inference_service': `statusonly/mlflow-statussync-e2e-v${v}`,
    });
    const again = await cli(repoRoot, env, ['status', 'sync', '-o', 'json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ services: 1, written: 0 });
  });
});
