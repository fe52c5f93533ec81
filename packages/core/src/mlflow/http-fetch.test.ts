import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch } from './http-fetch.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A real local server; resolves with its base URL and the sockets it accepted. */
async function serve(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<{ url: URL; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  server = createServer((req, res) => {
    sockets.add(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = new URL(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/`);
  return { url, sockets };
}

describe('httpFetch', () => {
  it('two GETs → status, headers and JSON of each, over one kept-alive connection', async () => {
    const { url, sockets } = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-path': req.url ?? '' }).end(JSON.stringify({ path: req.url }));
    });
    const first = await httpFetch(new URL('api/a?x=1', url), { method: 'GET', headers: { accept: 'application/json' } });
    const second = await httpFetch(new URL('api/b', url), { method: 'GET', headers: {} });
    expect(first).toMatchObject({ ok: true, status: 200 });
    expect(first.headers.get('X-Path')).toBe('/api/a?x=1');
    expect(first.headers.get('retry-after')).toBeNull();
    expect(await first.json()).toEqual({ path: '/api/a?x=1' });
    expect(await second.json()).toEqual({ path: '/api/b' });
    expect(sockets.size).toBe(1);
  });

  it('POST with a JSON body → the server gets the body, its length and the headers', async () => {
    let seen: { method?: string; length?: string; type?: string; auth?: string; body?: string } = {};
    const { url } = await serve((req, res, body) => {
      seen = {
        method: req.method,
        length: req.headers['content-length'],
        type: req.headers['content-type'],
        auth: req.headers.authorization,
        body,
      };
      res.writeHead(200).end('{}');
    });
    const body = JSON.stringify({ name: 'iris', tag: 'é' });
    await httpFetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer t' }, body });
    expect(seen).toEqual({
      method: 'POST',
      length: String(Buffer.byteLength(body)),
      type: 'application/json',
      auth: 'Bearer t',
      body,
    });
  });

  it('a 404 with a body → ok false, the status, the body readable', async () => {
    const { url } = await serve((_req, res) => res.writeHead(404).end('{"error_code":"RESOURCE_DOES_NOT_EXIST"}'));
    const answer = await httpFetch(url, { method: 'GET', headers: {} });
    expect(answer).toMatchObject({ ok: false, status: 404 });
    expect(await answer.json()).toEqual({ error_code: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('an empty 200 → arrayBuffer of length 0; json() rejects', async () => {
    const { url } = await serve((_req, res) => res.writeHead(200).end());
    const answer = await httpFetch(url, { method: 'GET', headers: {} });
    expect((await answer.arrayBuffer()).byteLength).toBe(0);
    await expect(answer.json()).rejects.toThrow();
  });

  it('a server slower than AbortSignal.timeout → rejects with a TimeoutError', async () => {
    const { url } = await serve((_req, res) => setTimeout(() => res.writeHead(200).end('{}'), 500));
    await expect(httpFetch(url, { method: 'GET', headers: {}, signal: AbortSignal.timeout(50) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it('nothing listening → rejects with the connection error', async () => {
    const { url } = await serve((_req, res) => res.end());
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(httpFetch(url, { method: 'GET', headers: {} })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('a 307 redirect → followed to the new location', async () => {
    const { url } = await serve((req, res) => {
      if (req.url === '/old') res.writeHead(307, { location: '/new' }).end();
      else res.writeHead(200).end(JSON.stringify({ path: req.url }));
    });
    const answer = await httpFetch(new URL('old', url), { method: 'GET', headers: {} });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ path: '/new' });
  });
});
