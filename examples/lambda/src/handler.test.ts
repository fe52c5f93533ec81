import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signedRequest, tagEventBody } from '@mlflow-kserve/core/testing';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('example lambda', () => {
  it('configured only by environment → /livez 200; a signed event for another tag → ignored, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'example-lambda-'));
    Object.assign(process.env, {
      MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'example-secret',
      MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://127.0.0.1:9',
      MLFLOW_KSERVE_KUBE_TARGET: `dir:${dir}`,
      MLFLOW_KSERVE_LOG_LEVEL: 'ERROR',
    });
    const { handler } = await import('./handler.js');
    const health = await handler({ version: '2.0', rawPath: '/livez', requestContext: { http: { method: 'GET' } } });
    expect(health.statusCode).toBe(200);
    const request = signedRequest({ secret: 'example-secret', body: tagEventBody('iris', '1', 'owner', 'me') });
    const result = await handler({
      version: '2.0',
      rawPath: '/webhook',
      headers: request.headers as Record<string, string>,
      body: request.rawBody as string,
      requestContext: { http: { method: 'POST' } },
    });
    expect(JSON.parse(result.body)).toMatchObject({ status: 'success', action: 'ignored' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
