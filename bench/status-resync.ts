import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aliasKey, converge, createRuntime, type ModelVersion, versionKey } from '@mlflow-kserve/core';
import { createMlflowClient } from '@mlflow-kserve/core/mlflow';
import { syncStatus } from '@mlflow-kserve/core/operations';
import { InMemoryKube, InMemoryMlflow, testDeps } from '@mlflow-kserve/core/testing';

/** One status resync of an unchanged cluster: what it cost MLflow. */
export interface StatusResyncResult {
  services: number;
  /** Wall time of one resync (`syncStatus`: list the services, read MLflow's tags, write what differs). */
  resyncMs: number;
  /** MLflow requests that resync made, by path. */
  requests: Record<string, number>;
  /** Tags it wrote (0: nothing changed). */
  written: number;
}

const restVersion = (v: ModelVersion) => ({
  name: v.name,
  version: v.version,
  source: v.source,
  status: v.status,
  tags: Object.entries(v.tags).map(([key, value]) => ({ key, value })),
  aliases: v.aliases,
});

/**
 * `versions` services (one version each, 100 models, every tenth model also with a `champion` alias
 * service), their status already written; then one resync through the real REST client against MLflow's
 * API served over HTTP by the in-memory registry, counting requests.
 */
export async function statusResyncBench(versions: number): Promise<StatusResyncResult> {
  const deps = testDeps({ deploy_aliases: 'champion' });
  const mlflow = new InMemoryMlflow();
  mlflow.pageSize = 200_000; // MLflow's own cap for model-version search
  const kube = new InMemoryKube();
  const setup = createRuntime({ ...deps, mlflow, kube });
  for (let i = 0; i < versions; i += 1) {
    const model = `model-${i % 100}`;
    const version = String(Math.floor(i / 100) + 1);
    mlflow.addVersion({ name: model, version, source: `s3://bench/${model}/${version}`, tags: { deploy: 'true' } });
    await converge(setup, versionKey(model, version));
  }
  for (let m = 0; m < 100; m += 10) {
    mlflow.setAlias(`model-${m}`, 'champion', '1');
    await converge(setup, aliasKey(`model-${m}`, 'champion'));
  }
  await syncStatus(setup);

  const requests: Record<string, number> = {};
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace('/api/2.0/mlflow/', '');
    requests[path] = (requests[path] ?? 0) + 1;
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const q = (name: string) => url.searchParams.get(name) ?? undefined;
    void (async () => {
      if (path === 'model-versions/search') {
        const page = await mlflow.searchModelVersions({
          filter: q('filter')!,
          pageToken: q('page_token'),
          maxResults: Number(q('max_results')),
        });
        return json(200, { model_versions: page.versions.map(restVersion), next_page_token: page.nextPageToken });
      }
      if (path === 'registered-models/search') {
        const page = await mlflow.searchRegisteredModels({ pageToken: q('page_token'), maxResults: Number(q('max_results')) });
        return json(200, {
          registered_models: page.models.map((m) => ({
            name: m.name,
            aliases: m.aliases,
            tags: Object.entries(m.tags ?? {}).map(([key, value]) => ({ key, value })),
          })),
          next_page_token: page.nextPageToken,
        });
      }
      if (path === 'model-versions/get') {
        const v = await mlflow.getModelVersion(q('name')!, q('version')!);
        return v ? json(200, { model_version: restVersion(v) }) : json(404, { error_code: 'RESOURCE_DOES_NOT_EXIST' });
      }
      return json(404, { error_code: 'ENDPOINT_NOT_FOUND' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  try {
    const config = { ...deps.config, mlflow_tracking_uri: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    const rt = createRuntime({ config, kube, mlflow: createMlflowClient(config) });
    const started = performance.now();
    const report = await syncStatus(rt);
    return { services: report.services, resyncMs: performance.now() - started, requests, written: report.written };
  } finally {
    server.close();
  }
}
