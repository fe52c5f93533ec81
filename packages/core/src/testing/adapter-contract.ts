import type { WebhookRequest, WebhookResponse } from '../http/types.js';
import type { MlflowKserveDeps } from '../runtime/runtime.js';
import { signedRequest, tagEventBody } from './signed-request.js';
import { testDeps, testSecret } from './test-deps.js';

/** A running adapter, driven with plain requests. */
export interface AdapterUnderTest {
  send(request: WebhookRequest): Promise<WebhookResponse>;
  close?(): Promise<void>;
}

/** How the contract suite builds and drives one adapter. */
export interface AdapterDriver {
  name: string;
  create(deps: MlflowKserveDeps): Promise<AdapterUnderTest>;
}

/** The test-runner functions the suite uses: vitest's or Jest's (`import { describe, it, expect, afterEach } from 'vitest'`). */
export interface TestApi {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
  afterEach(body: () => Promise<void>): unknown;
  expect: (value: unknown, message?: string) => any;
}

const json = (r: WebhookResponse): Record<string, any> => JSON.parse(r.body) as Record<string, any>;

/**
 * The behaviour every adapter must have, as a vitest suite: valid signed event → 200 with `{status: 'success', action, inference_service, namespace}`;
 * bad signature or stale timestamp → 401; malformed JSON → 400; wrong content type → 415; oversized → 413;
 * unknown route → 404; unknown event → 200 ignored; exact raw bytes reach the signature check; health,
 * liveness and services shapes. An adapter's own test file only supplies the driver.
 *
 * The suite does not import a test runner itself: pass yours, so this entry loads in any process.
 *
 * @example
 * ```ts
 * import { afterEach, describe, expect, it } from 'vitest';
 * runAdapterContract({ name: 'express', create: async (deps) => startExpress(deps) }, { describe, it, expect, afterEach });
 * ```
 */
export function runAdapterContract(driver: AdapterDriver, { describe, it, expect, afterEach }: TestApi): void {
  describe(`adapter contract: ${driver.name}`, () => {
    let running: AdapterUnderTest | undefined;
    afterEach(async () => {
      await running?.close?.();
      running = undefined;
    });

    async function start(overrides: Record<string, unknown> = {}) {
      const deps = testDeps(overrides);
      deps.mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
      running = await driver.create(deps);
      return { ...deps, adapter: running };
    }
    const deploy = (extra: Partial<Parameters<typeof signedRequest>[0]> = {}) =>
      signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'deploy', 'true'), ...extra });

    it('valid signed event → 200 with status, action, inference_service and namespace', async () => {
      const { adapter, kube } = await start();
      const response = await adapter.send(deploy());
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(json(response)).toEqual({
        status: 'success',
        action: 'created',
        inference_service: 'mlflow-iris-classifier-v3',
        namespace: 'kserve-mlflow-models',
      });
      expect(kube.objects.size).toBe(1);
    });

    it('body with raw non-ASCII bytes and \\u escapes → verified over the exact bytes', async () => {
      const { adapter } = await start();
      const body =
        '{"entity": "model_version_tag", "action": "set", "timestamp": "2026-01-01T00:00:00+00:00", "data": {"name": "mod\\u00e8le-été", "version": "1", "key": "owner", "value": "ünï"}}';
      const response = await adapter.send(signedRequest({ secret: testSecret, body }));
      expect(response.status).toBe(200);
      expect(json(response)['action']).toBe('ignored');
    });

    it('bad signature → 401', async () => {
      const { adapter, kube } = await start();
      expect((await adapter.send(deploy({ secret: 'wrong' }))).status).toBe(401);
      expect(kube.objects.size).toBe(0);
    });

    it('stale timestamp → 401', async () => {
      const { adapter } = await start();
      const response = await adapter.send(deploy({ timestamp: Math.floor(Date.now() / 1000) - 3600 }));
      expect(response.status).toBe(401);
      expect(json(response)['error']['message']).toContain('timestamp_too_old');
    });

    it('missing signature header → 401', async () => {
      const { adapter } = await start();
      const request = deploy();
      const headers = { ...request.headers } as Record<string, string>;
      delete headers['x-mlflow-signature'];
      expect((await adapter.send({ ...request, headers })).status).toBe(401);
    });

    it('malformed JSON, correctly signed → 400', async () => {
      const { adapter } = await start();
      expect((await adapter.send(signedRequest({ secret: testSecret, body: '{"entity": "model_version_tag", ' }))).status).toBe(400);
    });

    it('wrong content type → 415', async () => {
      const { adapter } = await start();
      expect((await adapter.send(deploy({ headers: { 'content-type': 'text/plain' } }))).status).toBe(415);
    });

    it('oversized body → 413', async () => {
      const { adapter } = await start({ max_body_bytes: 2048 });
      const body = `{"entity": "x", "action": "y", "data": {"pad": "${'p'.repeat(5000)}"}}`;
      expect((await adapter.send(signedRequest({ secret: testSecret, body }))).status).toBe(413);
    });

    it('unknown route → 404', async () => {
      const { adapter } = await start();
      expect((await adapter.send({ method: 'GET', path: '/nope', headers: {}, rawBody: '' })).status).toBe(404);
    });

    it('unknown event → 200 ignored', async () => {
      const { adapter } = await start();
      const body =
        '{"entity": "prompt_tag", "action": "set", "timestamp": "2026-01-01T00:00:00+00:00", "data": {"name": "p", "key": "k", "value": "v"}}';
      const response = await adapter.send(signedRequest({ secret: testSecret, body }));
      expect(response.status).toBe(200);
      expect(json(response)).toMatchObject({ status: 'success', action: 'ignored' });
    });

    it('kubernetes failure → 500; the same delivery retried → 200', async () => {
      const { adapter, kube } = await start();
      kube.failNext('apply');
      const request = deploy();
      expect((await adapter.send(request)).status).toBe(500);
      expect((await adapter.send(request)).status).toBe(200);
    });

    it('GET /health → status, mlflow_connected, kubernetes_connected', async () => {
      const { adapter } = await start();
      const response = await adapter.send({ method: 'GET', path: '/health', headers: {}, rawBody: '' });
      expect(response.status).toBe(200);
      expect(json(response)).toEqual({ status: 'healthy', mlflow_connected: true, kubernetes_connected: true, mlflow_configured: true });
    });

    it('GET /health with Kubernetes down → 503 unhealthy; /livez still 200', async () => {
      const { adapter, kube } = await start();
      kube.failNext('ping', 5);
      const health = await adapter.send({ method: 'GET', path: '/health', headers: {}, rawBody: '' });
      expect(health.status).toBe(503);
      expect(json(health)).toMatchObject({ status: 'unhealthy', kubernetes_connected: false });
      expect((await adapter.send({ method: 'GET', path: '/livez', headers: {}, rawBody: '' })).status).toBe(200);
      expect((await adapter.send({ method: 'GET', path: '/readyz', headers: {}, rawBody: '' })).status).toBe(503);
    });

    it('GET /services after a deploy → the deployed service with model and version', async () => {
      const { adapter } = await start();
      await adapter.send(deploy());
      const response = await adapter.send({ method: 'GET', path: '/services', headers: {}, rawBody: '' });
      expect(json(response)).toEqual({
        services: [
          {
            name: 'mlflow-iris-classifier-v3',
            namespace: 'kserve-mlflow-models',
            model_name: 'iris-classifier',
            model_version: '3',
            status: 'Unknown',
          },
        ],
      });
    });
  });
}
