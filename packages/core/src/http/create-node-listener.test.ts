import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRequestHandler } from '../handler/create-request-handler.js';
import { runAdapterContract } from '../testing/adapter-contract.js';
import { createNodeListener } from './create-node-listener.js';

runAdapterContract(
  {
    name: 'node:http listener',
    create: async (deps) => {
      const server = createServer(createNodeListener(createRequestHandler(deps), { maxBodyBytes: deps.config.max_body_bytes }));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return {
        send: async (request) => {
          const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
          const response = await fetch(`${base}${request.path}`, {
            method: request.method,
            headers,
            ...(request.method === 'GET' ? {} : { body: request.rawBody as string }),
          });
          return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: await response.text() };
        },
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    },
  },
  { describe, it, expect, afterEach },
);

describe('createNodeListener', () => {
  it('a handler that rejects → 500 with a generic body, connection still answered', async () => {
    const server = createServer(
      createNodeListener(
        async () => {
          throw new Error('secret detail');
        },
        { maxBodyBytes: 1024 },
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`);
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('secret detail');
    } finally {
      server.close();
    }
  });

  it('an answer with a non-ASCII body → content-length in bytes, not chunked', async () => {
    const body = JSON.stringify({ status: 'success', reason: 'modèle — ok' });
    const server = createServer(
      createNodeListener(async () => ({ status: 200, headers: { 'content-type': 'application/json' }, body }), { maxBodyBytes: 1024 }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`);
      expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
      expect(response.headers.get('transfer-encoding')).toBeNull();
      expect(await response.text()).toBe(body);
    } finally {
      server.close();
    }
  });
});
