import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { DirectoryKube } from '../directory/directory-kube.js';
import { RestMlflowClient } from '../mlflow/rest-mlflow-client.js';
import { createRuntime } from '../runtime/runtime.js';
import { recordingMswServer } from '../test-support/recording-msw-server.js';
import { testDeps } from '../testing/test-deps.js';
import { createRequestHandler } from './create-request-handler.js';

const get = (path: string, headers: Record<string, string> = {}) => ({ method: 'GET', path, headers, rawBody: '' });
const { server, seen } = recordingMswServer();
const mlflowUrl = 'http://mlflow.probe:5000';
const probeGet = `${mlflowUrl}/api/2.0/mlflow/model-versions/get`;
const notFound = () => HttpResponse.json({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'not found' }, { status: 404 });

describe('createRequestHandler', () => {
  it('admin_token set → /services and /metrics need the bearer token; probes and /webhook stay open', async () => {
    const deps = testDeps({ admin_token: 'a-long-admin-token-123' });
    const handle = createRequestHandler(deps, { metricsText: async () => ({ contentType: 'text/plain', body: 'm 1' }) });
    expect((await handle(get('/services'))).status).toBe(401);
    expect((await handle(get('/metrics', { authorization: 'Bearer wrong' }))).status).toBe(401);
    expect((await handle(get('/services', { authorization: 'Bearer a-long-admin-token-123' }))).status).toBe(200);
    expect((await handle(get('/metrics', { authorization: 'bearer a-long-admin-token-123' }))).status).toBe(200);
    expect((await handle(get('/livez'))).status).toBe(200);
    expect((await handle(get('/readyz'))).status).toBe(200);
  });

  it('no admin_token → /services open', async () => {
    expect((await createRequestHandler(testDeps())(get('/services'))).status).toBe(200);
  });

  it('owns → true for its routes (any trailing slash or query), false for others', () => {
    const handle = createRequestHandler(testDeps());
    expect(['/webhook', '/webhook/', '/readyz?x=1', '/services'].map(handle.owns)).toEqual([true, true, true, true]);
    expect(['/', '/hello', '/webhooks'].map(handle.owns)).toEqual([false, false, false]);
  });

  it.each([
    ['garbage JSON', () => HttpResponse.json({ registered_models: 7 })],
    ['429', () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '12' } })],
    ['an HTML 404', () => new HttpResponse('<html>nope</html>', { status: 404 })],
    ['503', () => new HttpResponse(null, { status: 503 })],
  ])('/readyz while MLflow answers %s → 503, one check (two MLflow requests, no retries)', async (_name, answer) => {
    server.use(
      http.get(`${mlflowUrl}/api/2.0/mlflow/registered-models/search`, answer),
      http.get(probeGet, () => notFound()),
    );
    const deps = testDeps();
    const handle = createRequestHandler({
      ...deps,
      mlflow: new RestMlflowClient({ trackingUri: mlflowUrl, maxRetries: 3, sleep: async () => undefined }),
    });
    const response = await handle(get('/readyz'));
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'not_ready', mlflow_connected: false });
    expect(seen).toHaveLength(2);
  });

  it('/readyz while the search answers but every model-versions/get is answered 429 → 503 (deliveries would all fail)', async () => {
    server.use(
      http.get(`${mlflowUrl}/api/2.0/mlflow/registered-models/search`, () => HttpResponse.json({})),
      http.get(probeGet, () => new HttpResponse(null, { status: 429 })),
    );
    const handle = createRequestHandler({
      ...testDeps(),
      mlflow: new RestMlflowClient({ trackingUri: mlflowUrl, sleep: async () => undefined }),
    });
    expect((await handle(get('/readyz'))).status).toBe(503);
  });

  it('five /readyz at once while MLflow is slow → one check, all answered within the health timeout', async () => {
    server.use(
      http.get(
        `${mlflowUrl}/api/2.0/mlflow/registered-models/search`,
        () => new Promise<Response>((r) => setTimeout(() => r(HttpResponse.json({})), 2000)),
      ),
      http.get(probeGet, () => notFound()),
    );
    const deps = testDeps({ health_timeout_ms: 300 });
    const handle = createRequestHandler({
      ...deps,
      mlflow: new RestMlflowClient({ trackingUri: mlflowUrl, maxRetries: 3, pingTimeoutMs: 300 }),
    });
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 5 }, () => handle(get('/readyz'))));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(answers.map((a) => a.status)).toEqual([503, 503, 503, 503, 503]);
    expect(seen).toHaveLength(2);
  });

  it('/readyz with a directory target that cannot be written → 503', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rz-'));
    writeFileSync(join(dir, 'file'), '');
    const deps = testDeps();
    const handle = createRequestHandler({ ...deps, kube: new DirectoryKube(join(dir, 'file', 'manifests')) });
    expect(JSON.parse((await handle(get('/readyz'))).body)).toMatchObject({ status: 'not_ready', kubernetes_connected: false });
  });

  it('/readyz after a reconcile was blocked by the mass-delete guard → 503 saying why', async () => {
    const runtime = createRuntime(testDeps());
    runtime.state.reconcileBlocked = 'This run would delete 9 of 10 …';
    const response = await createRequestHandler(runtime)(get('/readyz'));
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toMatchObject({ reconcile_blocked: 'This run would delete 9 of 10 …' });
  });

  it('/readyz when the Kubernetes identity lacks a verb → 503 naming it; all granted → ready, an empty list', async () => {
    const deps = testDeps({ kube_namespace: 'models' });
    const asked: unknown[] = [];
    let missing = ['delete inferenceservices.serving.kserve.io in models'];
    const kube = Object.assign(deps.kube, {
      missingAccess: async (grants: unknown) => {
        asked.push(grants);
        return missing;
      },
    });
    const runtime = createRuntime({ ...deps, kube });
    const handle = createRequestHandler(runtime);
    const refused = await handle(get('/readyz'));
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({
      status: 'not_ready',
      kubernetes_connected: true,
      kubernetes_missing_access: ['delete inferenceservices.serving.kserve.io in models'],
    });
    expect(asked[0]).toContainEqual(
      expect.objectContaining({ namespace: 'models', resource: 'leases', verbs: ['get', 'create', 'update'] }),
    );
    missing = [];
    runtime.state.readiness = undefined;
    const ready = await handle(get('/readyz'));
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'ready', kubernetes_missing_access: [] });
  });

  it('/readyz when the permission review itself fails → still ready (Kubernetes answered), saying why the permissions are unknown', async () => {
    const deps = testDeps({ kube_namespace: 'models' });
    const kube = Object.assign(deps.kube, {
      missingAccess: async () => {
        throw new MlflowKserveError(
          'kubernetes_error',
          "Kubernetes review of this identity's permissions in models failed with 500 InternalError.",
        );
      },
    });
    const answer = await createRequestHandler(createRuntime({ ...deps, kube }))(get('/readyz'));
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 'ready',
      kubernetes_access_unknown: "Kubernetes review of this identity's permissions in models failed with 500 InternalError.",
    });
    expect(body).not.toHaveProperty('kubernetes_missing_access');
  });

  it('/readyz → the access review asked while the Kubernetes ping is still out (one timeout for the whole check); Kubernetes unreachable → no access list', async () => {
    const deps = testDeps({ kube_namespace: 'models' });
    let answerPing: (ok: boolean) => void = () => undefined;
    let reviewedDuringPing = false;
    let pinging = false;
    const kube = Object.assign(deps.kube, {
      ping: () =>
        new Promise<void>((resolve, reject) => {
          pinging = true;
          answerPing = (ok) => (ok ? resolve() : reject(new Error('unreachable')));
        }),
      missingAccess: async () => {
        reviewedDuringPing = pinging;
        return ['delete inferenceservices.serving.kserve.io in models'];
      },
    });
    const runtime = createRuntime({ ...deps, kube });
    const handle = createRequestHandler(runtime);
    const answer = handle(get('/readyz'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reviewedDuringPing).toBe(true);
    answerPing(false);
    const body = JSON.parse((await answer).body) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'not_ready', kubernetes_connected: false });
    expect(body).not.toHaveProperty('kubernetes_missing_access');
  });
});
