import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How one revision answers: the share of 5xx, and how long each answer takes. */
export interface RevisionBehaviour {
  namespace: string;
  errorShare: number;
  latencyMs: number;
}

/** Knative queue-proxy's latency buckets (pkg/queue/metrics/request_metric.go), in milliseconds. */
const buckets = [5, 10, 20, 40, 60, 80, 100, 150, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 2000, 5000, 10000];

/**
 * Plays Knative's queue-proxy for the revisions the test names: serves `revision_request_count` and
 * `revision_request_latencies` (the names and labels Knative Serving exports per revision) at `/metrics`,
 * counting 20 requests per second per revision with the share of 5xx and the latency each revision is given.
 */
export class RevisionMetrics {
  private readonly revisions = new Map<string, RevisionBehaviour & { ok: number; failed: number; latencies: number[] }>();
  private server: Server | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** Starts serving requests as `revision` with `behaviour` (replacing an earlier behaviour). */
  revision(name: string, behaviour: RevisionBehaviour): void {
    const known = this.revisions.get(name);
    this.revisions.set(name, {
      ok: known?.ok ?? 0,
      failed: known?.failed ?? 0,
      latencies: known?.latencies ?? buckets.map(() => 0),
      ...behaviour,
    });
  }

  async start(): Promise<string> {
    this.timer = setInterval(() => {
      for (const r of this.revisions.values()) {
        const failed = Math.round(r.errorShare * 4);
        r.failed += failed;
        r.ok += 4 - failed;
        buckets.forEach((le, i) => {
          if (r.latencyMs <= le) r.latencies[i]! += 4;
        });
      }
    }, 200);
    this.server = createServer((_req, res) => {
      const lines: string[] = ['# TYPE revision_request_count counter'];
      for (const [name, r] of this.revisions) {
        const labels = `namespace_name="${r.namespace}",revision_name="${name}"`;
        lines.push(`revision_request_count{${labels},response_code_class="2xx"} ${r.ok}`);
        lines.push(`revision_request_count{${labels},response_code_class="5xx"} ${r.failed}`);
      }
      lines.push('# TYPE revision_request_latencies histogram');
      for (const [name, r] of this.revisions) {
        const labels = `namespace_name="${r.namespace}",revision_name="${name}"`;
        const total = r.ok + r.failed;
        buckets.forEach((le, i) => {
          lines.push(`revision_request_latencies_bucket{${labels},le="${le}"} ${r.latencies[i]}`);
        });
        lines.push(`revision_request_latencies_bucket{${labels},le="+Inf"} ${total}`);
        lines.push(`revision_request_latencies_sum{${labels}} ${total * r.latencyMs}`);
        lines.push(`revision_request_latencies_count{${labels}} ${total}`);
      }
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
