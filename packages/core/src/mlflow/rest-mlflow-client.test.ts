import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { recordingMswServer } from '../test-support/recording-msw-server.js';
import { RestMlflowClient } from './rest-mlflow-client.js';

const base = 'http://mlflow.test:5000';
const api = `${base}/api/2.0/mlflow`;
const { server, seen } = recordingMswServer();

const noSleep = async (): Promise<void> => undefined;
const notFound = () => HttpResponse.json({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'not found' }, { status: 404 });
const client = (extra: Partial<ConstructorParameters<typeof RestMlflowClient>[0]> = {}) =>
  new RestMlflowClient({ trackingUri: base, sleep: noSleep, ...extra });
const version = {
  name: 'iris',
  version: '3',
  source: 'models:/m-abc',
  run_id: 'r1',
  status: 'READY',
  tags: [{ key: 'deploy', value: 'true' }],
  aliases: ['champion'],
};

describe('RestMlflowClient', () => {
  it('getModelVersion → GET model-versions/get with name and version; tags as a record', async () => {
    server.use(http.get(`${api}/model-versions/get`, () => HttpResponse.json({ model_version: version })));
    expect(await client().getModelVersion('iris', '3')).toEqual({
      name: 'iris',
      version: '3',
      source: 'models:/m-abc',
      runId: 'r1',
      status: 'READY',
      tags: { deploy: 'true' },
      aliases: ['champion'],
    });
    const url = new URL(seen[0]!.url);
    expect(url.searchParams.get('name')).toBe('iris');
    expect(url.searchParams.get('version')).toBe('3');
  });

  it('404 RESOURCE_DOES_NOT_EXIST → null', async () => {
    server.use(
      http.get(`${api}/model-versions/get`, () =>
        HttpResponse.json({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'nope' }, { status: 404 }),
      ),
    );
    expect(await client().getModelVersion('iris', '9')).toBeNull();
  });

  it('username and password → HTTP Basic; token alone → Bearer', async () => {
    server.use(http.get(`${api}/model-versions/get`, () => HttpResponse.json({ model_version: version })));
    await client({ username: 'u', password: 'p', token: 't' }).getModelVersion('iris', '3');
    await client({ token: 't' }).getModelVersion('iris', '3');
    expect(seen[0]!.headers.get('authorization')).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(seen[1]!.headers.get('authorization')).toBe('Bearer t');
  });

  it('503 twice then 200 → retried, 3 requests, result returned', async () => {
    let n = 0;
    server.use(
      http.get(`${api}/model-versions/get-download-uri`, () =>
        ++n < 3 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ artifact_uri: 's3://b/x' }),
      ),
    );
    expect(await client().getDownloadUri('iris', '3')).toBe('s3://b/x');
    expect(seen).toHaveLength(3);
  });

  it('429 with Retry-After: 2 → waits 2000 ms before retrying', async () => {
    const waits: number[] = [];
    let n = 0;
    server.use(
      http.get(`${api}/runs/get`, () =>
        ++n < 2
          ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '2' } })
          : HttpResponse.json({ run: { info: { run_id: 'r1', experiment_id: '7', artifact_uri: 's3://b/7/r1/artifacts' } } }),
      ),
    );
    const run = await client({ sleep: async (ms) => void waits.push(ms) }).getRun('r1');
    expect(run).toEqual({ runId: 'r1', experimentId: '7', artifactUri: 's3://b/7/r1/artifacts' });
    expect(waits).toEqual([2000]);
  });

  it('500 on every attempt → retryable mlflow_error after maxRetries + 1 requests', async () => {
    server.use(http.get(`${api}/model-versions/get`, () => new HttpResponse(null, { status: 500 })));
    await expect(client({ maxRetries: 2 }).getModelVersion('iris', '3')).rejects.toMatchObject({
      code: 'mlflow_error',
      retryable: true,
      details: { kind: 'unavailable', status: 500 },
    });
    expect(seen).toHaveLength(3);
  });

  it('401 → non-retryable unauthorized error naming the settings, one request', async () => {
    server.use(http.get(`${api}/model-versions/get`, () => HttpResponse.json({ error_code: 'UNAUTHENTICATED' }, { status: 401 })));
    const error = await client()
      .getModelVersion('iris', '3')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'mlflow_error', retryable: false, details: { kind: 'unauthorized' } });
    expect((error as Error).message).toContain('MLFLOW_KSERVE_MLFLOW_TRACKING_USERNAME');
    expect(seen).toHaveLength(1);
  });

  it("400 with MLflow's message → details.mlflowMessage, the client's token and URL credentials masked; never in the error message", async () => {
    server.use(
      http.post(`${api}/webhooks`, () =>
        HttpResponse.json(
          { error_code: 'INVALID_PARAMETER_VALUE', message: "Webhook name 'x y' is invalid (token tok-12345, http://u:pw@h/)" },
          { status: 400 },
        ),
      ),
    );
    const error = await client({ token: 'tok-12345' })
      .createWebhook({ name: 'x y', url: 'https://h/webhook', events: [], secret: 's', status: 'ACTIVE' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'mlflow_error',
      details: { kind: 'rejected', mlflowMessage: "Webhook name 'x y' is invalid (token ***, http://***@h/)" },
    });
    expect((error as Error).message).not.toContain('invalid');
  });

  it('network error → retryable unavailable error', async () => {
    server.use(http.get(`${api}/model-versions/get`, () => HttpResponse.error()));
    await expect(client({ maxRetries: 1 }).getModelVersion('iris', '3')).rejects.toMatchObject({
      code: 'mlflow_error',
      retryable: true,
      details: { kind: 'unavailable' },
    });
    expect(seen).toHaveLength(2);
  });

  it('slow server → timed out, retryable', async () => {
    server.use(
      http.get(`${api}/model-versions/get`, async () => {
        await new Promise((r) => setTimeout(r, 500));
        return HttpResponse.json({ model_version: version });
      }),
    );
    const error = await client({ timeoutMs: 100, maxRetries: 0 })
      .getModelVersion('iris', '3')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'mlflow_error', retryable: true });
    expect((error as Error).message).toContain('timed out');
  });

  it('searchModelVersions → filter, max_results and page_token sent; next token returned', async () => {
    server.use(http.get(`${api}/model-versions/search`, () => HttpResponse.json({ model_versions: [version], next_page_token: 'tok2' })));
    const page = await client().searchModelVersions({ filter: "tags.`deploy` ILIKE '%true%'", pageToken: 'tok1', maxResults: 50 });
    expect(page.nextPageToken).toBe('tok2');
    expect(page.versions[0]!.tags).toEqual({ deploy: 'true' });
    const url = new URL(seen[0]!.url);
    expect(url.searchParams.get('filter')).toBe("tags.`deploy` ILIKE '%true%'");
    expect(url.searchParams.get('max_results')).toBe('50');
    expect(url.searchParams.get('page_token')).toBe('tok1');
  });

  it('empty search answer ({}) → no versions, no token', async () => {
    server.use(http.get(`${api}/model-versions/search`, () => HttpResponse.json({})));
    expect(await client().searchModelVersions({ filter: 'x' })).toEqual({ versions: [], nextPageToken: undefined });
  });

  it('setModelVersionTag → POST JSON body; deleteModelVersionTag → DELETE JSON body', async () => {
    server.use(
      http.post(`${api}/model-versions/set-tag`, () => HttpResponse.json({})),
      http.delete(`${api}/model-versions/delete-tag`, () => HttpResponse.json({})),
    );
    await client().setModelVersionTag('iris', '3', 'deployment.status', 'ready');
    await client().deleteModelVersionTag('iris', '3', 'deployment.status');
    expect(await seen[0]!.json()).toEqual({ name: 'iris', version: '3', key: 'deployment.status', value: 'ready' });
    expect(seen[0]!.headers.get('content-type')).toBe('application/json');
    expect(seen[1]!.method).toBe('DELETE');
    expect(await seen[1]!.json()).toEqual({ name: 'iris', version: '3', key: 'deployment.status' });
  });

  it('tracking URI with a path prefix → kept', async () => {
    server.use(
      http.get('http://mlflow.test:5000/mlflow/api/2.0/mlflow/registered-models/search', () => HttpResponse.json({})),
      http.get('http://mlflow.test:5000/mlflow/api/2.0/mlflow/model-versions/get', () => notFound()),
    );
    await client({ trackingUri: 'http://mlflow.test:5000/mlflow' }).ping();
    expect(seen.map((r) => r.url).sort()).toEqual([
      'http://mlflow.test:5000/mlflow/api/2.0/mlflow/model-versions/get?name=mlflow-kserve-readiness-probe&version=1',
      'http://mlflow.test:5000/mlflow/api/2.0/mlflow/registered-models/search?max_results=1',
    ]);
  });

  it('HTML answer with 200 → retryable bad_response mlflow_error (502), never null', async () => {
    server.use(http.get(`${api}/model-versions/get`, () => HttpResponse.text('<html>')));
    await expect(client().getModelVersion('iris', '3')).rejects.toMatchObject({
      code: 'mlflow_error',
      retryable: true,
      details: { kind: 'bad_response' },
    });
  });

  it.each([
    [
      'an HTML 404 (a proxy, a wrong base path)',
      () => new HttpResponse('<html>Not Found</html>', { status: 404, headers: { 'content-type': 'text/html' } }),
    ],
    ['a JSON 404 without error_code', () => HttpResponse.json({ detail: 'not here' }, { status: 404 })],
    ['an empty 404', () => new HttpResponse(null, { status: 404 })],
  ])('getModelVersion answered with %s → mlflow_error naming the tracking URI, not null', async (_name, answer) => {
    server.use(http.get(`${api}/model-versions/get`, answer));
    await expect(client().getModelVersion('iris', '3')).rejects.toMatchObject({
      code: 'mlflow_error',
      message: expect.stringContaining('MLFLOW_KSERVE_MLFLOW_TRACKING_URI'),
    });
  });

  it('search answered with an HTML 404 → mlflow_error (a reconcile never sees "nothing wanted")', async () => {
    server.use(http.get(`${api}/model-versions/search`, () => new HttpResponse('<html>', { status: 404 })));
    await expect(client().searchModelVersions({ filter: "tags.deploy = 'true'" })).rejects.toMatchObject({ code: 'mlflow_error' });
  });

  it('search answered 404 RESOURCE_DOES_NOT_EXIST → mlflow_error (a search has nothing to be absent)', async () => {
    server.use(
      http.get(`${api}/model-versions/search`, () => HttpResponse.json({ error_code: 'RESOURCE_DOES_NOT_EXIST' }, { status: 404 })),
    );
    await expect(client().searchModelVersions({ filter: "tags.deploy = 'true'" })).rejects.toMatchObject({ code: 'mlflow_error' });
  });

  it('alias lookup: 400 INVALID_PARAMETER_VALUE and the model has no such alias → null (as real MLflow answers a missing alias)', async () => {
    server.use(
      http.get(`${api}/registered-models/alias`, () =>
        HttpResponse.json(
          { error_code: 'INVALID_PARAMETER_VALUE', message: 'Registered model alias champion not found.' },
          { status: 400 },
        ),
      ),
      http.get(`${api}/registered-models/get`, () =>
        HttpResponse.json({ registered_model: { name: 'iris', aliases: [{ alias: 'other', version: '1' }] } }),
      ),
    );
    expect(await client().getModelVersionByAlias('iris', 'champion')).toBeNull();
  });

  it('alias lookup: 400 INVALID_PARAMETER_VALUE but the model lists the alias → the error, not null', async () => {
    server.use(
      http.get(`${api}/registered-models/alias`, () => HttpResponse.json({ error_code: 'INVALID_PARAMETER_VALUE' }, { status: 400 })),
      http.get(`${api}/registered-models/get`, () =>
        HttpResponse.json({ registered_model: { name: 'iris', aliases: [{ alias: 'champion', version: '1' }] } }),
      ),
    );
    await expect(client().getModelVersionByAlias('iris', 'champion')).rejects.toMatchObject({ code: 'mlflow_error' });
  });

  it('alias lookup: model gone (404 RESOURCE_DOES_NOT_EXIST) → null', async () => {
    server.use(
      http.get(`${api}/registered-models/alias`, () => HttpResponse.json({ error_code: 'RESOURCE_DOES_NOT_EXIST' }, { status: 404 })),
    );
    expect(await client().getModelVersionByAlias('gone', 'champion')).toBeNull();
  });

  it('searchRegisteredModels → names with their aliases and tags, next token', async () => {
    server.use(
      http.get(`${api}/registered-models/search`, () =>
        HttpResponse.json({
          registered_models: [
            { name: 'iris', aliases: [{ alias: 'champion', version: '3' }], tags: [{ key: 'kserve.champion.status', value: 'Ready' }] },
            { name: 'x' },
          ],
          next_page_token: 't2',
        }),
      ),
    );
    expect(await client().searchRegisteredModels({ pageToken: 't1' })).toEqual({
      models: [
        { name: 'iris', aliases: [{ alias: 'champion', version: '3' }], tags: { 'kserve.champion.status': 'Ready' } },
        { name: 'x', aliases: [], tags: {} },
      ],
      nextPageToken: 't2',
    });
    expect(new URL(seen[0]!.url).searchParams.get('page_token')).toBe('t1');
  });

  it('tracking URI with user:password → HTTP Basic from them, credentials not in the request URL', async () => {
    server.use(http.get(`${api}/model-versions/get`, () => HttpResponse.json({ model_version: version })));
    await new RestMlflowClient({ trackingUri: 'http://al%40ice:p%3Ass@mlflow.test:5000', sleep: noSleep }).getModelVersion('iris', '3');
    expect(seen[0]!.headers.get('authorization')).toBe(`Basic ${Buffer.from('al@ice:p:ss').toString('base64')}`);
    expect(seen[0]!.url).toBe(`${api}/model-versions/get?name=iris&version=3`);
  });

  it.each([
    ['503', () => new HttpResponse(null, { status: 503 })],
    ['429', () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '12' } })],
    ['an HTML 404', () => new HttpResponse('<html>', { status: 404 })],
    ['garbage JSON', () => HttpResponse.json({ registered_models: 'nope' })],
  ])('ping: the search answered with %s → throws after one request each (no retries)', async (_name, answer) => {
    server.use(
      http.get(`${api}/registered-models/search`, answer),
      http.get(`${api}/model-versions/get`, () => notFound()),
    );
    await expect(client({ maxRetries: 3 }).ping()).rejects.toMatchObject({ code: 'mlflow_error' });
    expect(seen).toHaveLength(2);
  });

  it.each([
    ['429', () => new HttpResponse(null, { status: 429 })],
    ['an HTML 404 from a proxy on that path', () => new HttpResponse('<html>', { status: 404 })],
    ['a 200 that is not MLflow JSON', () => HttpResponse.text('<html>')],
  ])('ping: the search answers, but model-versions/get answers %s → throws (the listener is not ready)', async (_name, answer) => {
    server.use(
      http.get(`${api}/registered-models/search`, () => HttpResponse.json({})),
      http.get(`${api}/model-versions/get`, answer),
    );
    await expect(client({ maxRetries: 3 }).ping()).rejects.toMatchObject({ code: 'mlflow_error' });
    expect(seen).toHaveLength(2);
  });

  it("ping: model-versions/get answers MLflow's JSON 404 for the probe model → ready", async () => {
    server.use(
      http.get(`${api}/registered-models/search`, () => HttpResponse.json({})),
      http.get(`${api}/model-versions/get`, () => notFound()),
    );
    await expect(client().ping()).resolves.toBeUndefined();
  });
  describe('getModelVersionArtifact', () => {
    it('→ GET /model-versions/get-artifact beside the REST API (not under /api/2.0) with name, version and path; the text', async () => {
      server.use(http.get(`${base}/model-versions/get-artifact`, () => new HttpResponse('flavors: {}\n', { status: 200 })));
      expect(await client({ token: 't' }).getModelVersionArtifact('iris', '3', 'MLmodel')).toBe('flavors: {}\n');
      const url = new URL(seen[0]!.url);
      expect([url.pathname, url.searchParams.get('name'), url.searchParams.get('version'), url.searchParams.get('path')]).toEqual([
        '/model-versions/get-artifact',
        'iris',
        '3',
        'MLmodel',
      ]);
      expect(seen[0]!.headers.get('authorization')).toBe('Bearer t');
    });

    it('a tracking URI with a path prefix → the prefix is kept', async () => {
      server.use(http.get(`${base}/mlflow/model-versions/get-artifact`, () => new HttpResponse('x', { status: 200 })));
      expect(await client({ trackingUri: `${base}/mlflow` }).getModelVersionArtifact('iris', '3', 'MLmodel')).toBe('x');
    });

    it("MLflow's JSON RESOURCE_DOES_NOT_EXIST → null; a 404 without MLflow's JSON (a proxy) → mlflow_error", async () => {
      server.use(http.get(`${base}/model-versions/get-artifact`, notFound));
      expect(await client().getModelVersionArtifact('iris', '3', 'MLmodel')).toBeNull();
      server.use(http.get(`${base}/model-versions/get-artifact`, () => new HttpResponse('<html>Not Found</html>', { status: 404 })));
      await expect(client().getModelVersionArtifact('iris', '3', 'MLmodel')).rejects.toMatchObject({ code: 'mlflow_error' });
    });

    it('a body over 1 MiB → mlflow_error naming the limit, not retried', async () => {
      server.use(http.get(`${base}/model-versions/get-artifact`, () => new HttpResponse('x'.repeat(1024 * 1024 + 1), { status: 200 })));
      await expect(client().getModelVersionArtifact('iris', '3', 'MLmodel')).rejects.toMatchObject({
        code: 'mlflow_error',
        retryable: false,
        message: expect.stringContaining('more than 1048576 bytes'),
      });
      expect(seen).toHaveLength(1);
    });

    it('a 500 from the artifact store (e.g. S3 refused) → retried, then a retryable mlflow_error', async () => {
      server.use(http.get(`${base}/model-versions/get-artifact`, () => new HttpResponse('boom', { status: 500 })));
      await expect(client({ maxRetries: 1 }).getModelVersionArtifact('iris', '3', 'MLmodel')).rejects.toMatchObject({
        code: 'mlflow_error',
        retryable: true,
      });
      expect(seen).toHaveLength(2);
    });
  });

  it('getRegisteredModel → registered-models/get read once: tags and description; missing → null', async () => {
    server.use(
      http.get(`${api}/registered-models/get`, ({ request }) =>
        new URL(request.url).searchParams.get('name') === 'iris'
          ? HttpResponse.json({ registered_model: { name: 'iris', tags: [{ key: 'team.owner', value: 'a' }], description: 'Iris.' } })
          : notFound(),
      ),
    );
    expect(await client().getRegisteredModel('iris')).toEqual({ tags: { 'team.owner': 'a' }, description: 'Iris.' });
    expect(await client().getRegisteredModel('nope')).toBeNull();
  });

  it("getModelVersion → the version's description when MLflow gives one", async () => {
    server.use(http.get(`${api}/model-versions/get`, () => HttpResponse.json({ model_version: { ...version, description: 'first cut' } })));
    expect((await client().getModelVersion('iris', '3'))?.description).toBe('first cut');
  });
});
