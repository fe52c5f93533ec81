import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardableHeaders, withBody } from './http-helpers.js';

/**
 * An HTTP proxy in front of MLflow that holds chosen answers back: the test decides, per request path,
 * how long MLflow seems to take. Everything else is forwarded as it is. For reproducing races (a reconcile
 * whose search answer arrives after a webhook acted) against the real MLflow.
 */
export class SlowProxy {
  private server: Server | undefined;
  private rules: { match: (path: string) => boolean; ms: number; count: number }[] = [];
  /** Paths MLflow has answered (the answer may still be held back). */
  readonly seen: string[] = [];
  url = '';

  constructor(private readonly target: string) {}

  /** Holds back the answers to the next `count` requests whose path (with query) matches, by `ms`. */
  delay(match: (path: string) => boolean, ms: number, count = 1): void {
    this.rules.push({ match, ms, count });
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      withBody(
        req,
        async (body) => {
          const path = req.url ?? '/';
          const response = await fetch(`${this.target}${path}`, {
            method: req.method ?? 'GET',
            headers: forwardableHeaders(req.headers),
            ...(body.length > 0 ? { body } : {}),
          });
          const text = Buffer.from(await response.arrayBuffer());
          // Recorded once MLflow has answered: the request has been evaluated, only the answer is held back.
          this.seen.push(path);
          const rule = this.rules.find((r) => r.count > 0 && r.match(path));
          if (rule) {
            rule.count -= 1;
            await new Promise((r) => setTimeout(r, rule.ms));
          }
          res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' }).end(text);
        },
        () => res.writeHead(502).end(),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
