import { Agent, createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardableHeaders } from './http-helpers.js';

/** One delivery as MLflow sent it, and what was answered. */
export interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
  answer: string;
  forwarded: boolean;
  at: number;
  /** The listener's time for it: from forwarding the request to its answer, in ms. */
  listenerMs?: number;
  /** When it was forwarded (`performance.now()`). */
  forwardedAt?: number;
}

/**
 * A test-controlled HTTP proxy between MLflow and the listener: records every delivery byte-for-byte,
 * can answer the next N deliveries itself (e.g. 503, to make MLflow retry), and can swallow deliveries
 * by predicate. No test hook lives in the product.
 */
export class DeliveryProxy {
  readonly deliveries: Delivery[] = [];
  private server: Server | undefined;
  private failures: { count: number; status: number; when: (d: { path: string; body: Buffer }) => boolean } = {
    count: 0,
    status: 503,
    when: () => true,
  };
  private swallow: ((d: { path: string; body: Buffer }) => boolean) | undefined;
  url = '';

  constructor(private target: () => string) {}

  /** Where deliveries go from now on (e.g. spread over several listeners). */
  route(target: () => string): void {
    this.target = target;
  }

  /** Answers the next `count` deliveries matching `when` with `status` instead of forwarding them. */
  failNext(count: number, status = 503, when: (d: { path: string; body: Buffer }) => boolean = () => true): void {
    this.failures = { count, status, when };
  }

  swallowWhen(predicate: ((d: { path: string; body: Buffer }) => boolean) | undefined): void {
    this.swallow = predicate;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const body = Buffer.concat(chunks);
          const record: Delivery = {
            path: req.url ?? '/',
            headers: req.headers,
            body,
            status: 0,
            answer: '',
            forwarded: false,
            at: Date.now(),
          };
          this.deliveries.push(record);
          if (this.failures.count > 0 && this.failures.when({ path: record.path, body })) {
            this.failures.count -= 1;
            record.status = this.failures.status;
            res.writeHead(record.status).end('{"status":"error","error":{"code":"test","message":"injected by the e2e proxy"}}');
            return;
          }
          if (this.swallow?.({ path: record.path, body })) {
            record.status = 200;
            res.writeHead(200).end('{"status":"success","action":"ignored","reason":"swallowed by the e2e proxy"}');
            return;
          }
          try {
            const sent = performance.now();
            const response = await forward(`${this.target()}/webhook`, req.method ?? 'POST', forwardableHeaders(req.headers), body);
            record.listenerMs = performance.now() - sent;
            record.forwardedAt = sent;
            record.forwarded = true;
            record.answer = response.body;
            record.status = response.status;
            res.writeHead(response.status, { 'content-type': response.contentType ?? 'application/json' }).end(record.answer);
          } catch (error) {
            record.status = 502;
            record.answer = String(error);
            res.writeHead(502).end();
          }
        })();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Deliveries whose body mentions a model name. */
  forModel(model: string): Delivery[] {
    return this.deliveries.filter((d) => d.body.toString('utf8').includes(`"name": ${JSON.stringify(model)}`));
  }

  /** Resolves when no delivery arrived for `quietMs`. */
  async settle(quietMs = 1500, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const last = this.deliveries.at(-1)?.at ?? 0;
      if (Date.now() - last >= quietMs) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

// Kept-alive connections to the listener, as MLflow's shared requests session keeps them. An idle one is
// closed after 4 s, before the listener's server would close it (Node's default keep-alive timeout is 5 s),
// so a forwarded delivery never races that close.
const agent = new Agent({ keepAlive: true, timeout: 4_000 });

/** Sends a delivery on over plain node:http (so the listener's share holds no client overhead of fetch). */
function forward(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; contentType: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const out = request(url, { method, headers: { ...headers, 'content-length': String(body.length) }, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: response.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}
