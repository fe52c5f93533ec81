import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { signedRequest, tagEventBody, testDeps, testSecret } from '@mlflow-kserve/core/testing';
import { createApp } from './app.js';

describe('example express-app', () => {
  it('own routes and /mlflow/webhook → both served', async () => {
    const deps = testDeps();
    deps.mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    const { app, kserve } = createApp({ config: deps.config, kube: deps.kube, mlflow: deps.mlflow, logger });
    await kserve.ready;
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${base}/api/teams`)).json()).toEqual(['search', 'ranking']);
      const request = signedRequest({ secret: testSecret, body: tagEventBody('iris-classifier', '3', 'deploy', 'true') });
      const response = await fetch(`${base}/mlflow/webhook`, {
        method: 'POST',
        headers: request.headers as Record<string, string>,
        body: request.rawBody as string,
      });
      expect(await response.json()).toMatchObject({ status: 'success', action: 'created' });
    } finally {
      await kserve.stop();
      server.close();
    }
  });
});
