import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTemplate } from '@mlflow-kserve/core';
import { waitFor } from './harness/processes.js';
import { join } from 'node:path';
import { loadLikeKserveSklearn, logRealModels } from './harness/real-models.js';
import { namespace, startWorld, type World } from './harness/world.js';
import { kserveRuntimeCrdPaths } from '../test/fixtures.js';

// The preflight against the real MLflow: models logged with MLflow's own Python client (scikit-learn, pyfunc) and a
// version registered from a folder that is not an MLflow model, read back through MLflow's /model-versions/get-artifact;
// and against the real API server with KServe's ServingRuntime CRDs, the listener running with the chart's RBAC. No
// KServe controller runs: the test plays KServe's installation (it creates the kserve-mlserver ClusterServingRuntime).
let world: World;
let models: Record<string, { version: string; source: string }>;
const predictorModel = (isvc: { spec?: unknown }) => (isvc.spec as { predictor: { model: Record<string, unknown> } }).predictor.model;
const versionTags = async (name: string, version: string) => {
  const body = await world.mlflow.api<{ model_version: { tags?: { key: string; value: string }[] } }>(
    'GET',
    `model-versions/get?name=${name}&version=${version}`,
  );
  return Object.fromEntries((body.model_version.tags ?? []).map((t) => [t.key, t.value]));
};
const answerTo = (model: string, status: number) =>
  waitFor(`${model}'s delivery answered ${status}`, async () =>
    world.proxy.forModel(model).find((d) => d.body.includes('"key": "deploy"') && d.status === status),
  );

// The default template plus the values the preflight reads from MLmodel, as annotations.
const template = defaultTemplate.replace(
  '  annotations:\n',
  '  annotations:\n    e2e/flavor: {{flavor}}\n    e2e/python-version: {{python_version}}\n    e2e/mlflow-version: {{mlflow_version}}\n    e2e/signature-inputs: {{signature_inputs}}\n',
);

/** What KServe's installation brings for MLflow models: MLServer as a ClusterServingRuntime (trimmed to what choosing it reads). */
const mlserverRuntime = {
  apiVersion: 'serving.kserve.io/v1alpha1',
  kind: 'ClusterServingRuntime',
  metadata: { name: 'kserve-mlserver' },
  spec: {
    supportedModelFormats: [
      { name: 'sklearn', version: '1', autoSelect: true, priority: 2 },
      { name: 'mlflow', version: '1', autoSelect: true, priority: 1 },
      { name: 'mlflow', version: '2', autoSelect: true, priority: 1 },
    ],
    protocolVersions: ['v2'],
    containers: [{ name: 'kserve-container', image: 'mlserver:e2e' }],
  },
};
const clusterRuntimes = '/apis/serving.kserve.io/v1alpha1/clusterservingruntimes';
const roles = `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/roles/mlflow-kserve`;
const runtimesClusterRole = '/apis/rbac.authorization.k8s.io/v1/clusterroles/mlflow-kserve-runtimes';

beforeAll(async () => {
  const settings = {
    MLFLOW_KSERVE_PREFLIGHT: 'on',
    MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE: template,
    MLFLOW_KSERVE_RUNTIME_BY_FLAVOR: 'sklearn=sklearn',
    MLFLOW_KSERVE_METADATA_TAG_PREFIX: 'team.',
  };
  world = await startWorld(settings, undefined, undefined, {
    extraCrdFiles: kserveRuntimeCrdPaths,
  });
  models = await logRealModels(world.mlflow.url, [
    { name: 'pre-sklearn', kind: 'sklearn' },
    { name: 'pre-sklearn-pickle', kind: 'sklearn-pickle' },
    { name: 'pre-pyfunc', kind: 'pyfunc' },
    { name: 'pre-nomodel', kind: 'no-mlmodel' },
  ]);
});

afterAll(async () => {
  await world?.stop();
});

describe('preflight against the real MLflow and the real API server', () => {
  it('a scikit-learn model logged with mlflow.sklearn.log_model, but no runtime serves mlflow → 422 naming it, Rejected; kserve-mlserver installed → deployed as format mlflow from its MLflow 3 logged-model folder; MLmodel values in the template', async () => {
    const { version, source } = models['pre-sklearn']!;
    expect(source).toMatch(/^models:\/m-/);
    await world.setTag('pre-sklearn', version, 'deploy', 'true');
    const refused = await answerTo('pre-sklearn', 422);
    expect(world.answered(refused).error).toMatchObject({
      code: 'preflight_failed',
      message: expect.stringContaining(
        `no ServingRuntime in ${namespace} and no ClusterServingRuntime supports model format "mlflow" with protocol v2`,
      ),
    });
    await waitFor(
      'Rejected in MLflow',
      async () => (await versionTags('pre-sklearn', version))['kserve.status'] === 'Rejected' || undefined,
    );
    expect(await world.getIsvc(`mlflow-pre-sklearn-v${version}`)).toBeNull();

    const created = await world.kube.request('POST', clusterRuntimes, JSON.stringify(mlserverRuntime));
    expect(created.status, created.text).toBe(201);
    await world.setTag('pre-sklearn', version, 'deploy', 'True');
    const isvc = await world.present(`mlflow-pre-sklearn-v${version}`);
    expect(predictorModel(isvc)).toMatchObject({
      modelFormat: { name: 'mlflow' },
      storageUri: expect.stringMatching(/^s3:\/\/e2e-artifacts\/\d+\/models\/m-[0-9a-f]+\/artifacts\/$/),
    });
    expect(isvc.metadata.annotations).toMatchObject({
      'e2e/flavor': 'sklearn',
      'e2e/python-version': expect.stringMatching(/^3\.11\./),
      'e2e/mlflow-version': '3.17.2',
      'e2e/signature-inputs': 'sepal length (cm):double,sepal width (cm):double,petal length (cm):double,petal width (cm):double',
    });
  });

  // The folder a storageUri points at, on this MLflow's artifact store (s3://e2e-artifacts is mlflow-artifacts:/).
  const folderOf = (storageUri: string) => join(world.dir, 'mlflow', 'artifacts', storageUri.replace(/^s3:\/\/e2e-artifacts\//, ''));

  it('runtime_by_flavor sklearn=sklearn: a model saved with serialization_format="pickle" → modelFormat sklearn, and its storageUri folder loads as KServe’s sklearnserver loads it; the skops one stays mlflow, and that loader finds no model file in its folder', async () => {
    const { version } = models['pre-sklearn-pickle']!;
    await world.setTag('pre-sklearn-pickle', version, 'deploy', 'true');
    const pickled = predictorModel(await world.present(`mlflow-pre-sklearn-pickle-v${version}`));
    expect(pickled).toMatchObject({ modelFormat: { name: 'sklearn' }, protocolVersion: 'v2' });
    // The test plays KServe's sklearn runtime on the files the storageUri names.
    expect(await loadLikeKserveSklearn(folderOf(String(pickled['storageUri'])))).toEqual({ files: ['model.pkl'], predictions: [0, 0] });

    const skops = predictorModel((await world.getIsvc(`mlflow-pre-sklearn-v${models['pre-sklearn']!.version}`))!);
    expect(skops['modelFormat']).toEqual({ name: 'mlflow' });
    expect(await loadLikeKserveSklearn(folderOf(String(skops['storageUri'])))).toMatchObject({
      files: [],
      error: expect.stringContaining('0 model files'),
    });
  });

  it('a pyfunc model, deploy=true → deployed; flavor python_function', async () => {
    const { version } = models['pre-pyfunc']!;
    await world.setTag('pre-pyfunc', version, 'deploy', 'true');
    const isvc = await world.present(`mlflow-pre-pyfunc-v${version}`);
    expect(isvc.metadata.annotations).toMatchObject({ 'e2e/flavor': 'python_function' });
  });

  it('a version whose folder holds no MLmodel, deploy=true → 422 preflight_failed, kserve.status=Rejected with the reason, nothing in the API server', async () => {
    const { version } = models['pre-nomodel']!;
    await world.setTag('pre-nomodel', version, 'deploy', 'true');
    const refused = await answerTo('pre-nomodel', 422);
    expect(world.answered(refused).error).toMatchObject({ code: 'preflight_failed', message: expect.stringContaining('no MLmodel file') });
    const tags = await waitFor('Rejected in MLflow', async () => {
      const t = await versionTags('pre-nomodel', version);
      return t['kserve.status'] === 'Rejected' ? t : undefined;
    });
    expect(tags['kserve.message']).toContain('no MLmodel file');
    expect(await world.getIsvc(`mlflow-pre-nomodel-v${version}`)).toBeNull();
  });

  it('an s3:// source the MLflow server cannot read (no credentials) → 5xx naming MLFLOW_KSERVE_PREFLIGHT, MLflow retries, nothing written, not Rejected', async () => {
    await world.model('pre-s3');
    const version = await world.version('pre-s3');
    await world.setTag('pre-s3', version, 'deploy', 'true');
    const failed = await answerTo('pre-s3', 502);
    expect(world.answered(failed).error).toMatchObject({
      code: 'mlflow_error',
      message: expect.stringContaining('MLFLOW_KSERVE_PREFLIGHT=off'),
    });
    await world.proxy.settle();
    expect(world.proxy.forModel('pre-s3').filter((d) => d.status === 502).length).toBeGreaterThan(1);
    expect(await world.getIsvc(`mlflow-pre-s3-v${version}`)).toBeNull();
    expect((await versionTags('pre-s3', version))['kserve.status']).toBeUndefined();
  });

  it('the Role without list servingruntimes, then the ClusterRole without list clusterservingruntimes → /readyz names each; a deploy → 403 naming the verb and resource (5xx, retried); nothing written', async () => {
    const { version } = (await logRealModels(world.mlflow.url, [{ name: 'pre-rbac', kind: 'pyfunc' }]))['pre-rbac']!;
    for (const [path, resource, where] of [
      [roles, 'servingruntimes', `in ${namespace}`],
      [runtimesClusterRole, 'clusterservingruntimes', 'cluster-wide'],
    ] as const) {
      const role = JSON.parse((await world.kube.request('GET', path)).text) as { rules: { resources: string[]; verbs: string[] }[] };
      const without = {
        ...role,
        rules: role.rules.map((r) => (r.resources.includes(resource) ? { ...r, verbs: [] } : r)).filter((r) => r.verbs.length > 0),
      };
      expect((await world.kube.request('PUT', path, JSON.stringify(without))).status).toBe(200);
      try {
        const missing = await waitFor('/readyz to name the missing verb', async () => {
          const answer = await fetch(`${world.listener.url}/readyz`);
          const body = (await answer.json()) as { kubernetes_missing_access?: string[] };
          return answer.status === 503 ? body.kubernetes_missing_access : undefined;
        });
        expect(missing).toEqual([`list ${resource}.serving.kserve.io ${where}`]);
        const before = world.proxy.forModel('pre-rbac').length;
        await world.setTag('pre-rbac', version, 'deploy', resource === 'servingruntimes' ? 'true' : 'True');
        const failed = await waitFor('the refused delivery', async () =>
          world.proxy
            .forModel('pre-rbac')
            .slice(before)
            .find((d) => d.status >= 500),
        );
        expect(String(world.answered(failed).error?.message)).toMatch(new RegExp(`403.*cannot list resource \\\\?"${resource}\\\\?"`, 's'));
        expect(await world.getIsvc(`mlflow-pre-rbac-v${version}`)).toBeNull();
      } finally {
        const current = JSON.parse((await world.kube.request('GET', path)).text) as { metadata: unknown };
        await world.kube.request('PUT', path, JSON.stringify({ ...role, metadata: current.metadata }));
      }
      await waitFor('/readyz ready again', async () => (await fetch(`${world.listener.url}/readyz`)).status === 200 || undefined);
    }
    await world.setTag('pre-rbac', version, 'deploy', 'TRUE');
    await world.present(`mlflow-pre-rbac-v${version}`);
  });

  it("metadata_tag_prefix team.: the model's team.* tag and description and the version's team.* tag → annotations (a label where valid) on the real API server; the version tag changed → updated in place; deleted → its annotation removed by server-side apply", async () => {
    const { version } = models['pre-pyfunc']!;
    const name = `mlflow-pre-pyfunc-v${version}`;
    await world.mlflow.api('POST', 'registered-models/set-tag', { name: 'pre-pyfunc', key: 'team.owner', value: 'echo-squad' });
    await world.mlflow.api('PATCH', 'registered-models/update', { name: 'pre-pyfunc', description: 'Echoes its input.' });
    // A model's tags raise no webhook; the version's tag does, and its converge reads both.
    await world.setTag('pre-pyfunc', version, 'team.tier', 'gold');
    const tagged = await world.present(name, (i) => i.metadata.annotations?.['mlflow-kserve.io/tag.tier'] === 'gold');
    expect(tagged.metadata.annotations).toMatchObject({
      'mlflow-kserve.io/tag.owner': 'echo-squad',
      'mlflow-kserve.io/description': 'Echoes its input.',
      'mlflow-kserve.io/metadata-keys': 'tag.owner,tag.tier,description',
    });
    expect(tagged.metadata.labels).toMatchObject({ 'mlflow-kserve.io/tag.owner': 'echo-squad', 'mlflow-kserve.io/tag.tier': 'gold' });
    await world.setTag('pre-pyfunc', version, 'team.tier', 'platinum');
    await world.present(name, (i) => i.metadata.annotations?.['mlflow-kserve.io/tag.tier'] === 'platinum');
    await world.deleteTag('pre-pyfunc', version, 'team.tier');
    const untagged = await world.present(
      name,
      (i) => i.metadata.annotations?.['mlflow-kserve.io/metadata-keys'] === 'tag.owner,description',
    );
    expect(untagged.metadata.annotations).not.toHaveProperty('mlflow-kserve.io/tag.tier');
    expect(untagged.metadata.labels).not.toHaveProperty('mlflow-kserve.io/tag.tier');
  });

  it('a team.* tag the service was created with, deleted later → its annotation and label removed too', async () => {
    const { version } = (await logRealModels(world.mlflow.url, [{ name: 'pre-meta', kind: 'pyfunc' }]))['pre-meta']!;
    await world.setTag('pre-meta', version, 'team.tier', 'gold');
    await world.setTag('pre-meta', version, 'deploy', 'true');
    const name = `mlflow-pre-meta-v${version}`;
    const created = await world.present(name);
    expect(created.metadata.annotations).toMatchObject({ 'mlflow-kserve.io/tag.tier': 'gold' });
    await world.deleteTag('pre-meta', version, 'team.tier');
    const untagged = await world.present(name, (i) => i.metadata.annotations?.['mlflow-kserve.io/metadata-keys'] === '');
    expect(untagged.metadata.annotations).not.toHaveProperty('mlflow-kserve.io/tag.tier');
    expect(untagged.metadata.labels).not.toHaveProperty('mlflow-kserve.io/tag.tier');
  });
});
