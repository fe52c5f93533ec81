import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookRequest, WebhookResponse } from '@mlflow-kserve/core';
import { loadConfig } from '@mlflow-kserve/core';
import { createJsonLogger } from '@mlflow-kserve/core/assemble';
import { runAdapterContract, signedRequest, tagEventBody, testDeps, testSecret } from '@mlflow-kserve/core/testing';
import { createLambdaHandler } from './create-lambda-handler.js';
import type { LambdaHttpEvent, LambdaHttpResult } from './lambda-event.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const headerMap = (r: WebhookRequest) => Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
const bodyOf = (r: WebhookRequest) => Buffer.from(typeof r.rawBody === 'string' ? r.rawBody : r.rawBody);

const shapes: Record<string, (r: WebhookRequest) => LambdaHttpEvent> = {
  'API Gateway v1': (r) => ({
    httpMethod: r.method,
    path: r.path,
    headers: Object.fromEntries(Object.entries(headerMap(r)).map(([k, v]) => [k.replace(/(^|-)(\w)/g, (m) => m.toUpperCase()), v])),
    multiValueHeaders: Object.fromEntries(Object.entries(headerMap(r)).map(([k, v]) => [k, [v]])),
    body: bodyOf(r).toString('base64'),
    isBase64Encoded: true,
    requestContext: { stage: 'prod' },
  }),
  'API Gateway v2 (stage prefix)': (r) => ({
    version: '2.0',
    rawPath: `/prod${r.path}`,
    headers: headerMap(r),
    body: bodyOf(r).toString('base64'),
    isBase64Encoded: true,
    requestContext: { stage: 'prod', http: { method: r.method } },
  }),
  'Function URL': (r) => ({
    version: '2.0',
    rawPath: r.path,
    headers: headerMap(r),
    body: bodyOf(r).toString('utf8'),
    isBase64Encoded: false,
    requestContext: { stage: '$default', http: { method: r.method } },
  }),
  ALB: (r) => ({
    httpMethod: r.method,
    path: r.path,
    headers: headerMap(r),
    body: bodyOf(r).toString('utf8'),
    isBase64Encoded: false,
    requestContext: { elb: { targetGroupArn: 'arn' } },
  }),
};

const fromResult = (result: LambdaHttpResult): WebhookResponse => ({
  status: result.statusCode,
  headers: result.headers ?? Object.fromEntries(Object.entries(result.multiValueHeaders ?? {}).map(([k, v]) => [k, v[0]!])),
  body: result.body,
});

for (const [name, toEvent] of Object.entries(shapes)) {
  runAdapterContract(
    {
      name: `lambda ${name}`,
      create: async (deps) => {
        const handler = createLambdaHandler({ config: deps.config, kube: deps.kube, mlflow: deps.mlflow ?? null, logger: silent });
        return { send: async (r) => fromResult(await handler(toEvent(r))) };
      },
    },
    { describe, it, expect, afterEach },
  );
}

describe('createLambdaHandler', () => {
  it('ALB event with multi-value headers → multiValueHeaders and a status description', async () => {
    const deps = testDeps();
    const handler = createLambdaHandler({ config: deps.config, kube: deps.kube, mlflow: deps.mlflow, logger: silent });
    const result = await handler({
      httpMethod: 'GET',
      path: '/livez',
      multiValueHeaders: { accept: ['*/*'] },
      requestContext: { elb: {} },
    });
    expect(result).toMatchObject({
      statusCode: 200,
      statusDescription: '200 OK',
      multiValueHeaders: { 'content-type': ['application/json; charset=utf-8'] },
    });
  });

  it('basePath /mlflow on a custom domain → stripped', async () => {
    const deps = testDeps();
    const handler = createLambdaHandler({ config: deps.config, kube: deps.kube, mlflow: deps.mlflow, logger: silent, basePath: '/mlflow' });
    expect((await handler({ httpMethod: 'GET', path: '/mlflow/livez' })).statusCode).toBe(200);
  });

  it('invalid configuration → the log names the variable; the answer is a generic 500 pointing at the log; next call retries the build', async () => {
    const lines: string[] = [];
    const handler = createLambdaHandler({ logger: createJsonLogger('ERROR', (line) => lines.push(line)) });
    const saved = { ...process.env };
    try {
      delete process.env['MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET'];
      process.env['MLFLOW_KSERVE_APP_PORT'] = 'not-a-port';
      const result = await handler({ httpMethod: 'GET', path: '/livez' });
      expect(result.statusCode).toBe(500);
      expect(JSON.parse(result.body!)).toEqual({
        status: 'error',
        error: { code: 'config_invalid', message: expect.stringContaining("the function's log") },
      });
      expect(result.body).not.toContain('MLFLOW_KSERVE_');
      expect(lines.join('\n')).toContain('MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET is required');
      expect(lines.join('\n')).toContain('MLFLOW_KSERVE_APP_PORT');
      process.env['MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET'] = testSecret;
      delete process.env['MLFLOW_KSERVE_APP_PORT'];
      process.env['MLFLOW_KSERVE_KUBE_TARGET'] = 'dir:/tmp/lambda-retry';
      process.env['MLFLOW_KSERVE_MLFLOW_TRACKING_URI'] = 'http://127.0.0.1:1';
      expect((await handler({ httpMethod: 'GET', path: '/livez' })).statusCode).toBe(200);
    } finally {
      process.env = saved;
    }
  });

  it('no tracking URI → the log says to set MLFLOW_KSERVE_MLFLOW_TRACKING_URI (not serve --dev); the answer does not', async () => {
    const lines: string[] = [];
    const config = loadConfig({}, { mlflow_webhook_secret: testSecret, kube_target: 'dir:/tmp/lambda-none' });
    const logger = createJsonLogger('ERROR', (line) => lines.push(line));
    const result = await createLambdaHandler({ config, logger })({ httpMethod: 'GET', path: '/livez' });
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('MLFLOW_TRACKING_URI');
    expect(lines.join('\n')).toContain('MLFLOW_KSERVE_MLFLOW_TRACKING_URI is required');
    expect(lines.join('\n')).not.toContain('serve --dev');
  });

  it('kube_target dir: from config → the directory port is loaded lazily and used', async () => {
    const { mkdtempSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'lambda-'));
    const config = loadConfig({}, { mlflow_webhook_secret: testSecret, kube_target: `dir:${dir}`, storage_uri_base: 's3://b' });
    const handler = createLambdaHandler({ config, mlflow: null, logger: silent });
    const r = signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'deploy', 'true') });
    const result = await handler(shapes['Function URL']!(r));
    expect(result.statusCode).toBe(200);
    expect(existsSync(join(dir, 'kserve-mlflow-models', 'mlflow-iris-classifier-v3.yaml'))).toBe(true);
  });
});

describe('createLambdaHandler types', () => {
  it('AWS event types from @types/aws-lambda → accepted by the handler (compile-time check)', () => {
    type Handler = ReturnType<typeof createLambdaHandler>;
    const accepts = <E>(_check: (h: Handler, e: E) => unknown) => true;
    expect(accepts<import('aws-lambda').APIGatewayProxyEventV2>((h, e) => h(e))).toBe(true);
    expect(accepts<import('aws-lambda').APIGatewayProxyEvent>((h, e) => h(e))).toBe(true);
    expect(accepts<import('aws-lambda').ALBEvent>((h, e) => h(e))).toBe(true);
    expect(accepts<import('aws-lambda').LambdaFunctionURLEvent>((h, e) => h(e))).toBe(true);
  });
});
