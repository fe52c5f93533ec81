import { describe, expect, it } from 'vitest';
import { InMemoryKube } from '../testing/in-memory-kube.js';
import { signedRequest, tagEventBody } from '../testing/signed-request.js';
import { testDeps, testSecret } from '../testing/test-deps.js';
import { createRuntime } from '../runtime/runtime.js';
import { reconcile } from '../reconcile/reconcile.js';
import { createWebhookHandler } from './create-webhook-handler.js';
import { createJsonLogger } from '../observe/create-json-logger.js';
import { noopMetrics } from '../observe/metrics.js';

const name = 'mlflow-iris-classifier-v3';
const key = `kserve-mlflow-models/${name}`;

function setup(overrides = {}) {
  const deps = testDeps(overrides);
  const handle = createWebhookHandler(deps);
  const send = (value: string | undefined, extra: Partial<Parameters<typeof signedRequest>[0]> = {}) =>
    handle(signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'deploy', value), ...extra }));
  return { ...deps, handle, send };
}

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('createWebhookHandler', () => {
  it('deploy=true set in MLflow and delivered → 200 created with the spec body; manifest stored', async () => {
    const { mlflow, kube, send } = setup();
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    const response = await send('true');
    expect(response.status).toBe(200);
    expect(json(response.body)).toEqual({
      status: 'success',
      action: 'created',
      inference_service: name,
      namespace: 'kserve-mlflow-models',
    });
    const stored = kube.objects.get(key)!;
    expect((stored.spec as any).predictor.model.storageUri).toBe('s3://models/iris/3/');
    expect(stored.metadata.annotations).toMatchObject({ 'mlflow-kserve.io/experiment-id': '7', 'mlflow-kserve.io/run-id': 'run-3' });
  });

  it('same state delivered twice with different delivery ids → created then unchanged, one write', async () => {
    const { mlflow, kube, send } = setup();
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    await send('true');
    expect(json((await send('true')).body)['action']).toBe('unchanged');
    expect(kube.writes).toBe(1);
  });

  it('retry of a processed delivery (same id) → same answer, no MLflow or Kubernetes call', async () => {
    const { mlflow, kube, send } = setup();
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    const first = await send('true', { deliveryId: 'd-1' });
    const calls = kube.calls.length + mlflow.calls.length;
    const second = await send('true', { deliveryId: 'd-1' });
    expect(second.body).toBe(first.body);
    expect(kube.calls.length + mlflow.calls.length).toBe(calls);
  });

  it('out of order: "set false" (newer) processed, then the older "set true" arrives → still deleted, as MLflow says', async () => {
    const { mlflow, kube, send } = setup();
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    await send('true');
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'false';
    expect(json((await send('false')).body)['action']).toBe('deleted');
    const late = json((await send('true')).body);
    expect(late['action']).toBe('unchanged');
    expect(late['reason']).toContain('tag is not true in MLflow');
    expect(kube.objects.has(key)).toBe(false);
  });

  it('out of order: old "deleted" arrives after a newer "set true" → service kept', async () => {
    const { mlflow, kube, send } = setup();
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    await send('true');
    expect(json((await send(undefined)).body)['action']).toBe('unchanged');
    expect(kube.objects.has(key)).toBe(true);
  });

  it('Kubernetes fails → 500 with Retry-After and nothing recorded; MLflow retries the same delivery → 200 created', async () => {
    const { mlflow, kube, send } = setup();
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    kube.failNext('apply');
    const failed = await send('true', { deliveryId: 'd-2' });
    expect(failed.status).toBe(500);
    expect(failed.headers['retry-after']).toBe('2');
    expect(json(failed.body)).toMatchObject({ status: 'error', error: { code: 'kubernetes_error' } });
    const retried = await send('true', { deliveryId: 'd-2' });
    expect(retried.status).toBe(200);
    expect(json(retried.body)['action']).toBe('created');
  });

  it('MLflow unreachable on "set true" or "set false" → 502 with Retry-After, nothing written (never undeploy on a misread)', async () => {
    const { mlflow, kube, send } = setup();
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    await send('true');
    const writes = kube.writes;
    mlflow.failNext('getModelVersion');
    expect((await send('true')).status).toBe(502);
    mlflow.failNext('getModelVersion');
    const response = await send('false');
    expect(response.status).toBe(502);
    expect(response.headers['retry-after']).toBeDefined();
    expect(kube.writes).toBe(writes);
    expect(kube.objects.size).toBe(1);
  });

  it('version missing in MLflow (e.g. MLflow\'s "test webhook") → 200 unchanged, nothing created', async () => {
    const { kube, handle } = setup();
    const response = await handle(signedRequest({ secret: testSecret, body: tagEventBody('example_model', '1', 'deploy', 'true') }));
    expect(response.status).toBe(200);
    expect(json(response.body)['action']).toBe('unchanged');
    expect(kube.objects.size).toBe(0);
  });

  it('version whose registration FAILED in MLflow, tagged deploy=true → not deployed (200 unchanged), and removed if running', async () => {
    const { mlflow, kube, send } = setup();
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    await send('true');
    expect(kube.objects.has(key)).toBe(true);
    mlflow.addVersion({
      name: 'iris-classifier',
      version: '3',
      source: 's3://models/iris/3',
      tags: { deploy: 'true' },
      status: 'FAILED_REGISTRATION',
    });
    const response = await send('true');
    expect(json(response.body)).toMatchObject({ status: 'success', action: 'deleted' });
    expect(kube.objects.has(key)).toBe(false);
  });

  it('name taken by an InferenceService not managed by us → 409 name_conflict, untouched', async () => {
    const { mlflow, kube, send } = setup();
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    const foreign = {
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: { name, namespace: 'kserve-mlflow-models' },
      spec: { owner: 'someone' },
    };
    kube.objects.set(key, foreign);
    const response = await send('true');
    expect(response.status).toBe(409);
    expect(json(response.body)).toMatchObject({ error: { code: 'name_conflict' } });
    expect(kube.objects.get(key)).toEqual(foreign);
  });

  it('storage only as mlflow-artifacts:/ → mapped onto storage_uri_base', async () => {
    const { mlflow, kube, send } = setup();
    mlflow.addVersion({
      name: 'iris-classifier',
      version: '3',
      source: 'models:/m-abc',
      downloadUri: 'mlflow-artifacts:/7/models/m-abc/artifacts',
      tags: { deploy: 'true' },
    });
    await send('true');
    expect((kube.objects.get(key)!.spec as any).predictor.model.storageUri).toBe('s3://mlflow-artifacts/7/models/m-abc/artifacts/');
  });

  it('other tag → 200 ignored with a reason, no MLflow call', async () => {
    const { mlflow, handle } = setup();
    const response = await handle(signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'owner', 'me') }));
    expect(json(response.body)).toMatchObject({ status: 'success', action: 'ignored' });
    expect(mlflow.calls).toHaveLength(0);
  });

  it('echo of a status tag (kserve.status set) → 200 ignored status_echo, counted under its reason, logged at debug only', async () => {
    const lines: Record<string, unknown>[] = [];
    const ignoredReasons: string[] = [];
    const deps = testDeps();
    const metrics = { ...noopMetrics, webhookIgnored: (reason: string) => ignoredReasons.push(reason) };
    const info = createWebhookHandler({ ...deps, metrics, logger: createJsonLogger('INFO', (l) => lines.push(JSON.parse(l))) });
    const echo = () => signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'kserve.status', 'Ready') });
    const response = await info(echo());
    expect(response.status).toBe(200);
    expect(json(response.body)).toMatchObject({ action: 'ignored', reason_code: 'status_echo' });
    expect(ignoredReasons).toEqual(['status_echo']);
    expect(lines).toEqual([]);
    const debug = createWebhookHandler({ ...deps, logger: createJsonLogger('DEBUG', (l) => lines.push(JSON.parse(l))) });
    await debug(echo());
    expect(lines).toMatchObject([{ level: 'debug', msg: 'webhook received', reason: 'status_echo' }]);
    expect(deps.mlflow.calls).toHaveLength(0);
  });

  it.each([
    ['wrong secret', { secret: 'other' }, 401, 'signature_invalid'],
    ['stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 301 }, 401, 'signature_invalid'],
    ['text/plain', { headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
  ])('%s (%j) → %i %s', async (_name, extra, status, code) => {
    const { send } = setup();
    const response = await send('true', extra);
    expect(response.status).toBe(status);
    expect(json(response.body)).toMatchObject({ status: 'error', error: { code } });
  });

  it('malformed JSON, correctly signed → 400', async () => {
    const { handle } = setup();
    const response = await handle(signedRequest({ secret: testSecret, body: '{"entity": ' }));
    expect(response.status).toBe(400);
  });

  it('body over max_body_bytes → 413 before verifying', async () => {
    const { handle } = setup({ max_body_bytes: 1024 });
    expect((await handle(signedRequest({ secret: testSecret, body: `{"x": "${'a'.repeat(2000)}"}` }))).status).toBe(413);
  });

  it('GET → 405 with Allow: POST', async () => {
    const { handle } = setup();
    const response = await handle({ method: 'GET', path: '/webhook', headers: {}, rawBody: '' });
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe('POST');
  });

  it('previous secret during rotation → accepted', async () => {
    const { mlflow, send } = setup({ mlflow_webhook_secret: 'new-secret', mlflow_webhook_previous_secrets: [testSecret] });
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    expect((await send('true')).status).toBe(200);
  });

  it('no response body or header ever contains the secret or a stack trace', async () => {
    const { mlflow, kube, send } = setup();
    kube.failNext('get');
    mlflow.failNext('getModelVersion');
    const responses = [await send('true'), await send('true', { secret: 'x' }), await send('true')];
    for (const r of responses) {
      const text = r.body + JSON.stringify(r.headers);
      expect(text).not.toContain(testSecret);
      expect(text).not.toMatch(/\n\s+at /);
    }
  });

  it('two concurrent deliveries for the same version → one create, one unchanged', async () => {
    const { mlflow, kube, send } = setup();
    mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    const actions = (await Promise.all([send('true'), send('true')])).map((r) => json(r.body)['action']);
    expect(actions.sort()).toEqual(['created', 'unchanged']);
    expect(kube.writes).toBe(1);
  });

  it('version deleted in MLflow → the next reconcile deletes its InferenceService', async () => {
    const deps = testDeps();
    deps.mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    const runtime = createRuntime(deps);
    await createWebhookHandler(runtime)(
      signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'deploy', 'true') }),
    );
    expect(deps.kube.objects.size).toBe(1);
    deps.mlflow.deleteVersion('iris-classifier', '3');
    const report = await reconcile(runtime);
    expect(report.counts.delete).toBe(1);
    expect(deps.kube.objects.size).toBe(0);
  });

  it('a kube port that throws a plain Error → 500 internal, generic message', async () => {
    const deps = testDeps();
    deps.mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    const kube = new InMemoryKube();
    kube.get = async () => {
      throw new Error('socket detail that must not leak');
    };
    const response = await createWebhookHandler({ ...deps, kube })(
      signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'deploy', 'true') }),
    );
    expect(response.status).toBe(500);
    expect(response.body).not.toContain('socket detail');
  });
});

describe('health and listServices with plain deps', () => {
  it('health({ config, kube, mlflow }) → the spec shape; listServices(deps) → managed services', async () => {
    const { health } = await import('./health.js');
    const { listServices } = await import('./list-services.js');
    const deps = testDeps();
    expect(await health(deps)).toEqual({ status: 'healthy', mlflow_connected: true, kubernetes_connected: true, mlflow_configured: true });
    expect(await listServices(deps)).toEqual({ services: [] });
  });
});

describe('createWebhookHandler: which deliveries are remembered', () => {
  it('the same ignored delivery twice → decided twice (not remembered); the same deploy delivery twice → the second answered from memory', async () => {
    const messages: string[] = [];
    const logger = { debug() {}, info: (_f: unknown, m: string) => messages.push(m), warn() {}, error() {} };
    const handle = createWebhookHandler({ ...testDeps(), logger });
    const ignored = signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'owner', 'team-a') });
    expect((await handle(ignored)).status).toBe(200);
    expect((await handle(ignored)).status).toBe(200);
    expect(messages.filter((m) => m === 'webhook received')).toHaveLength(2);
    messages.length = 0;
    const deploy = signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'deploy', 'true') });
    const first = await handle(deploy);
    const second = await handle(deploy);
    expect(second.body).toBe(first.body);
    expect(messages.filter((m) => m === 'webhook received')).toHaveLength(1);
    expect(messages).toContain('delivery already processed; answering as before without acting again');
  });
});

describe('createWebhookHandler: log lines', () => {
  it('a logger at INFO → "webhook received" and "webhook processed" carry the delivery id, model and action', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createJsonLogger('INFO', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
    const deps = testDeps();
    deps.mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    const handle = createWebhookHandler({ ...deps, logger });
    const request = signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'deploy', 'true'), deliveryId: 'd-42' });
    expect((await handle(request)).status).toBe(200);
    expect(lines.find((l) => l['msg'] === 'webhook received')).toMatchObject({
      delivery_id: 'd-42',
      model: 'iris-classifier',
      version: '3',
    });
    expect(lines.find((l) => l['msg'] === 'webhook processed')).toMatchObject({ delivery_id: 'd-42', action: 'created' });
  });

  it('a logger that says INFO is off → no INFO line is built or written; a failure still logs at ERROR with the delivery id', async () => {
    const calls: { level: string; fields: Record<string, unknown> }[] = [];
    const record = (level: string) => (fields: Record<string, unknown>) => calls.push({ level, fields });
    const logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
      isLevelEnabled: (level: string) => level === 'warn' || level === 'error',
    };
    const deps = testDeps();
    deps.mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    deps.kube.failNext('apply');
    const handle = createWebhookHandler({ ...deps, logger });
    const ok = signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'owner', 'x') });
    expect((await handle(ok)).status).toBe(200);
    expect(calls).toEqual([]);
    const failing = signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'deploy', 'true'), deliveryId: 'd-7' });
    expect((await handle(failing)).status).toBe(500);
    expect(calls.map((c) => c.level)).toEqual(['error']);
    expect(calls[0]!.fields).toMatchObject({ delivery_id: 'd-7' });
  });
});
