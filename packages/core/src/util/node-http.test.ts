import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerTooLarge, sendHttp } from './node-http.js';

let server: Server | undefined;
let agent: Agent | undefined;
afterEach(async () => {
  agent?.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/**
 * A real local server that answers each request with the request's method and body, except that it drops
 * the connection without an answer when `drop` says so for a request (the n-th on its connection, from 1) —
 * as a server does that closes an idle kept-alive connection just as a request arrives on it.
 */
async function serve(drop: (nthOnConnection: number, method: string) => boolean) {
  const connections = new Set<Socket>();
  const perSocket = new Map<Socket, number>();
  const answered: string[] = [];
  server = createServer((req, res) => {
    connections.add(req.socket);
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    if (drop(n, req.method ?? '')) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = `${req.method} ${Buffer.concat(chunks).toString('utf8')}`.trim();
      answered.push(text);
      res.writeHead(200, { 'x-content-length': req.headers['content-length'] ?? 'none' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  agent = new Agent({ keepAlive: true });
  const url = new URL(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/`);
  return { url, connections, answered, agent };
}

describe('sendHttp', () => {
  it('POST with a body → status, headers and body; the server got the content-length', async () => {
    const { url, agent } = await serve(() => false);
    const answer = await sendHttp(url, { method: 'POST', agent }, Buffer.from('hello'));
    expect(answer.status).toBe(200);
    expect(answer.headers['x-content-length']).toBe('5');
    expect(answer.body.toString('utf8')).toBe('POST hello');
  });

  it('GET on a kept-alive connection the server drops as it arrives → sent again on a new one, answered', async () => {
    const { url, connections, answered, agent } = await serve((n) => n === 2);
    await sendHttp(url, { method: 'GET', agent });
    const answer = await sendHttp(url, { method: 'GET', agent });
    expect(answer.body.toString('utf8')).toBe('GET');
    expect(answered).toEqual(['GET', 'GET']);
    expect(connections.size).toBe(2);
  });

  it('POST on a kept-alive connection the server drops as it arrives → ECONNRESET, not sent again', async () => {
    const { url, connections, answered, agent } = await serve((n) => n === 2);
    await sendHttp(url, { method: 'GET', agent });
    await expect(sendHttp(url, { method: 'POST', agent }, Buffer.from('{}'))).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(answered).toEqual(['GET']);
    expect(connections.size).toBe(1);
  });

  it('GET dropped on a new connection → ECONNRESET, not sent again', async () => {
    const { url, connections, agent } = await serve(() => true);
    await expect(sendHttp(url, { method: 'GET', agent })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(connections.size).toBe(1);
  });

  it('GET dropped on a kept-alive connection and again on the new one → ECONNRESET after one more try', async () => {
    const { url, connections, agent } = await serve((n) => n > 1 || connections.size > 1);
    await sendHttp(url, { method: 'GET', agent });
    await expect(sendHttp(url, { method: 'GET', agent })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(connections.size).toBe(2);
  });
  it('maxBodyBytes: an answer streaming past the limit → AnswerTooLarge, the connection closed before the rest is read', async () => {
    let written = 0;
    let closed = false;
    server = createServer((_req, res) => {
      res.writeHead(200);
      res.on('close', () => (closed = true));
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = (): void => {
        while (!closed && written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await expect(sendHttp(url, { method: 'GET' }, undefined, { maxBodyBytes: 1024 * 1024 })).rejects.toBeInstanceOf(AnswerTooLarge);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });
});
