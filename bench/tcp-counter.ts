import { createServer, connect, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

/** One request through a {@link TcpCounter}: from its first byte to the first byte of its answer (`performance.now()`). */
export interface Span {
  start: number;
  end: number;
}

/**
 * A TCP pass-through that counts the connections made through it (to see whether a client reuses them) and
 * records each request's span, for request-response protocols where a connection carries one request at a
 * time (HTTP/1.1 without pipelining).
 */
export interface TcpCounter {
  port: number;
  connections(): number;
  spans: Span[];
  close(): Promise<void>;
}

export async function startTcpCounter(targetHost: string, targetPort: number): Promise<TcpCounter> {
  let count = 0;
  const spans: Span[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((client) => {
    count += 1;
    const upstream = connect({ port: targetPort, host: targetHost, noDelay: true });
    // Pass every write on at once, as the two ends would see it without this relay: with Nagle's algorithm
    // on (net's default), a small write waits for the ACK of the one before, which the peer delays ≈ 40 ms.
    client.setNoDelay(true);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    let started: number | undefined;
    client.on('data', () => {
      started ??= performance.now();
    });
    upstream.on('data', () => {
      if (started === undefined) return;
      spans.push({ start: started, end: performance.now() });
      started = undefined;
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    spans,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
