import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import express from 'express';
import express4 from 'express4';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookRequest, WebhookResponse } from '@mlflow-kserve/core';
import { runAdapterContract, signedRequest, tagEventBody, testDeps, testSecret } from '@mlflow-kserve/core/testing';
import { createJsonLogger } from '@mlflow-kserve/core/operations';
import { captureRawBody } from './capture-raw-body.js';
import { mlflowKserveMiddleware, type MlflowKserveMiddlewareOptions } from './mlflow-kserve-middleware.js';

type AppFactory = typeof express;

async function listen(
  app: ReturnType<AppFactory>,
  prefix = '',
): Promise<{ send(r: WebhookRequest): Promise<WebhookResponse>; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    async send(request) {
      const headers = Object.fromEntries(
        Object.entries(request.headers)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      );
      const response = await fetch(`http://127.0.0.1:${port}${prefix}${request.path}`, {
        method: request.method,
        headers,
        ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body: request.rawBody as string }),
      });
      return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: await response.text() };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Runs `use` against the app on a free port, then closes it. */
async function withServer(
  app: ReturnType<AppFactory>,
  use: (server: Awaited<ReturnType<typeof listen>>) => Promise<void>,
  prefix = '',
): Promise<void> {
  const server = await listen(app, prefix);
  try {
    await use(server);
  } finally {
    await server.close();
  }
}

const quiet = createJsonLogger('ERROR', () => undefined);

for (const [label, factory] of [
  ['express 5', express],
  ['express 4', express4 as unknown as AppFactory],
] as const) {
  runAdapterContract(
    {
      name: label,
      create: async (deps) => {
        const app = factory();
        app.use(mlflowKserveMiddleware({ config: deps.config, kube: deps.kube, mlflow: deps.mlflow ?? null, logger: quiet }));
        return listen(app);
      },
    },
    { describe, it, expect, afterEach },
  );
}

function deps(): MlflowKserveMiddlewareOptions & ReturnType<typeof testDeps> {
  const d = testDeps();
  d.mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
  return { ...d, logger: quiet };
}
const deploy = () => signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'deploy', 'true') });

describe('mlflowKserveMiddleware', () => {
  it('mounted under /mlflow next to host routes → both answer', async () => {
    const app = express();
    app.get('/mlflow/hello', (_req, res) => void res.send('host route'));
    app.use('/mlflow', mlflowKserveMiddleware(deps()));
    await withServer(
      app,
      async (server) => {
        expect((await server.send(deploy())).status).toBe(200);
        expect((await server.send({ method: 'GET', path: '/hello', headers: {}, rawBody: '' })).body).toBe('host route');
      },
      '/mlflow',
    );
  });

  it('after express.json() without captureRawBody → 500 explaining how to mount it', async () => {
    const app = express();
    app.use(express.json());
    app.use(mlflowKserveMiddleware(deps()));
    await withServer(app, async (server) => {
      const response = await server.send(deploy());
      expect(response.status).toBe(500);
      expect(response.body).toContain('captureRawBody');
    });
  });

  it('after express.json({ verify: captureRawBody }) → 200 (exact bytes kept)', async () => {
    const app = express();
    app.use(express.json({ verify: captureRawBody }));
    app.use(mlflowKserveMiddleware(deps()));
    await withServer(app, async (server) => {
      expect((await server.send(deploy())).status).toBe(200);
    });
  });

  it('after express.raw({ type: "*/*" }) → 200', async () => {
    const app = express();
    app.use(express.raw({ type: '*/*' }));
    app.use(mlflowKserveMiddleware(deps()));
    await withServer(app, async (server) => {
      expect((await server.send(deploy())).status).toBe(200);
    });
  });

  it('no tracking URI and no explicit mlflow: null → ready rejects naming the variable; requests answer 500 saying so', async () => {
    const d = testDeps();
    const config = { ...d.config, mlflow_tracking_uri: undefined };
    const middleware = mlflowKserveMiddleware({ config, kube: d.kube, logger: quiet });
    await expect(middleware.ready).rejects.toThrow(/MLFLOW_KSERVE_MLFLOW_TRACKING_URI is required/);
    const app = express();
    app.use(middleware);
    await withServer(app, async (server) => {
      const response = await server.send(deploy());
      expect(response.status).toBe(500);
      expect(response.body).toContain('MLFLOW_KSERVE_MLFLOW_TRACKING_URI is required');
    });
  });

  it('GET /metrics after a webhook → the spec metric names', async () => {
    const app = express();
    app.use(mlflowKserveMiddleware(deps()));
    await withServer(app, async (server) => {
      await server.send(deploy());
      const { body, headers } = await server.send({ method: 'GET', path: '/metrics', headers: {}, rawBody: '' });
      expect(headers['content-type']).toContain('text/plain');
      expect(body).toContain('mlflow_kserve_webhook_events_total{entity="model_version_tag",action="set"} 1');
      expect(body).toContain('mlflow_kserve_inference_service_operations_total{operation="apply",status="success"} 1');
      expect(body).toContain('mlflow_kserve_webhook_processing_duration_seconds_count 1');
      expect(body).toContain('mlflow_kserve_mlflow_api_errors_total 0');
      expect(body).toContain('mlflow_kserve_kubernetes_api_errors_total 0');
    });
  });

  it('logs of successes and failures → JSON lines with delivery_id, never the secret', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk, _e, cb) => {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        cb();
      },
    });
    const d = deps();
    const app = express();
    app.use(mlflowKserveMiddleware({ ...d, logger: createJsonLogger('DEBUG', (line) => sink.write(`${line}\n`)) }));
    await withServer(app, async (server) => {
      const request = deploy();
      await server.send(request);
      d.kube.failNext('get');
      await server.send(deploy());
      await server.send(signedRequest({ secret: 'wrong-secret', body: tagEventBody('iris-classifier', '3', 'deploy', 'true') }));
      await server.send(signedRequest({ secret: testSecret, body: '{bad json' }));
      await new Promise((r) => setTimeout(r, 50));
      expect(lines.length).toBeGreaterThan(4);
      for (const line of lines) {
        expect(() => JSON.parse(line)).not.toThrow();
        expect(line).not.toContain(testSecret);
        expect(line).not.toContain(String(request.headers['x-mlflow-signature']));
      }
      const processed = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['msg'] === 'webhook processed');
      expect(processed).toMatchObject({ level: 'info', delivery_id: request.headers['x-mlflow-delivery-id'], action: 'created' });
    });
  });
});

describe('mlflowKserveMiddleware, background work', () => {
  const eventually = async (check: () => boolean, what: string) => {
    for (let i = 0; i < 300; i += 1) {
      if (check()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const clusterDeps = (settings: Record<string, string> = {}) => {
    const d = testDeps({ kube_target: 'cluster', reconcile_on_startup: 'true', ...settings });
    d.mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    return { ...d, logger: quiet };
  };

  it('a cluster target → once ready, the startup reconcile deploys and the status writer reports to MLflow; stop() ends both', async () => {
    const options = clusterDeps();
    const kserve = mlflowKserveMiddleware(options);
    await kserve.ready;
    await eventually(() => options.kube.objects.size === 1, 'the startup reconcile');
    await eventually(() => options.mlflow.versions.get('iris-classifier/3')!.tags['kserve.status'] === 'Pending', 'status in MLflow');
    await kserve.stop();
    const calls = options.kube.calls.length;
    options.kube.setStatus('kserve-mlflow-models', 'mlflow-iris-classifier-v3', { conditions: [{ type: 'Ready', status: 'True' }] });
    await new Promise((r) => setTimeout(r, 100));
    expect(options.mlflow.versions.get('iris-classifier/3')!.tags['kserve.status']).toBe('Pending');
    expect(options.kube.calls.length).toBe(calls);
  });

  it('background: false → serves webhooks, runs nothing in the background', async () => {
    const options = clusterDeps();
    const kserve = mlflowKserveMiddleware({ ...options, background: false });
    await kserve.ready;
    await new Promise((r) => setTimeout(r, 100));
    expect(options.kube.calls).toEqual([]);
    expect(options.mlflow.calls).toEqual([]);
    await kserve.stop();
  });
});
