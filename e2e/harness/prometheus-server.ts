import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, type Managed, start, waitFor } from './processes.js';

const cache = process.env['MLFLOW_KSERVE_E2E_CACHE'] ?? join(process.env['HOME'] ?? '/root', '.cache', 'mlflow-kserve-e2e');
const version = process.env['PROMETHEUS_VERSION'] ?? 'v0.316.0';

/** A real Prometheus server (built by scripts/e2e/provision.sh), scraping `targets` every second. */
export interface PrometheusServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Prometheus on 127.0.0.1 with a configuration that scrapes each `host:port` in `targets` every
 * second, and waits until it is ready (`/-/ready`).
 */
export async function startPrometheus(dir: string, targets: string[]): Promise<PrometheusServer> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: queue-proxy',
      '    static_configs:',
      `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
      '',
    ].join('\n'),
  );
  const server: Managed = start(
    'prometheus',
    join(cache, 'bin', `prometheus-${version}`),
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { log: join(dir, 'prometheus.log') },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor('prometheus /-/ready', async () => (await fetch(`${url}/-/ready`)).ok, { managed: server, timeoutMs: 60_000 });
  return { url, stop: () => server.stop() };
}
