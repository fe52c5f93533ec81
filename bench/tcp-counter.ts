import { createServer, connect, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP pass-through that counts the connections made through it (to see whether a client reuses them). */
export interface TcpCounter {
  port: number;
  connections(): number;
  close(): Promise<void>;
}

export async function startTcpCounter(targetHost: string, targetPort: number): Promise<TcpCounter> {
  let count = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((client) => {
    count += 1;
    const upstream = connect({ port: targetPort, host: targetHost, noDelay: true });
    // Pass every write on at once, as the two ends would see it without this relay: with Nagle's algorithm
    // on (net's default), a small write waits for the ACK of the one before, which the peer delays ≈ 40 ms.
    client.setNoDelay(true);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
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
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
