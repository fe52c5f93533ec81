import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJsonLogger, createNodeListener, createRequestHandler, createRuntime, reconcile, type Config } from '@mlflow-kserve/core';
import { createPrometheusMetrics } from '@mlflow-kserve/core/prometheus';
import type { CliIo, ExitCode } from '../cli-io.js';
import { createPorts } from '../create-ports.js';
import { loadCliConfig, type TargetOptions } from '../load-cli-config.js';

/** Options of `mlflow-kserve serve`. */
export interface ServeOptions extends TargetOptions {
  dev?: boolean;
  host?: string;
  port?: string;
}

/** The development secret `serve --dev` uses when none is set. Local use only. */
export const devSecret = 'mlflow-kserve-dev-secret';

function devDefaults(io: CliIo): Partial<Record<keyof Config, unknown>> {
  const has = (key: string) => Object.keys(io.env).some((k) => k.toUpperCase() === `MLFLOW_KSERVE_${key}` && io.env[k]);
  return {
    ...(has('MLFLOW_WEBHOOK_SECRET') ? {} : { mlflow_webhook_secret: devSecret }),
    ...(has('KUBE_TARGET') ? {} : { kube_target: 'dir:./manifests' }),
    ...(has('APP_HOST') ? {} : { app_host: '127.0.0.1' }),
    ...(has('STORAGE_URI_BASE') ? {} : { storage_uri_base: 's3://mlflow-artifacts' }),
  };
}

/**
 * `serve`: the standalone listener, plain `node:http` over the core (no framework). Stops accepting on SIGTERM/SIGINT (or `io.signal`), finishes
 * in-flight requests, then resolves 0. Optionally reconciles at startup and on an interval.
 *
 * @example
 * ```ts
 * await serve({ dev: true }, io); // runs until stopped
 * ```
 */
export async function serve(options: ServeOptions, io: CliIo): Promise<ExitCode> {
  const config = loadCliConfig(
    io,
    options,
    { needsSecret: true },
    {
      ...(options.dev ? devDefaults(io) : {}),
      ...(options.host ? { app_host: options.host } : {}),
      ...(options.port ? { app_port: options.port } : {}),
    },
  );
  const logger = createJsonLogger(config.log_level, (line) => io.stdout(`${line}\n`));
  const { kube, mlflow } = await createPorts(config, io);
  if (!mlflow && !options.dev) {
    io.stderr('serve needs MLFLOW_KSERVE_MLFLOW_TRACKING_URI (or --dev to run without MLflow, for development).\n');
    return 2;
  }
  const metrics = createPrometheusMetrics();
  const runtime = createRuntime({ config, kube, mlflow, logger, metrics });
  const handle = createRequestHandler(runtime, { metricsText: metrics.metricsText });
  const server: Server = createServer(createNodeListener(handle, { maxBodyBytes: config.max_body_bytes }));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.app_port, config.app_host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.app_host.includes(':') ? `[${config.app_host}]` : config.app_host}:${port}`;
  if (options.dev) {
    const secretNote =
      config.mlflow_webhook_secret === devSecret
        ? `webhook secret: ${devSecret} (development only; set MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET for anything else)`
        : 'webhook secret: from MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET';
    io.stderr(
      `mlflow-kserve (development) listening on ${url}\n  target: ${config.kube_target}\n  MLflow: ${config.mlflow_tracking_uri ?? 'not configured (events are applied as they come)'}\n  ${secretNote}\nTry, in a second terminal:\n  npx mlflow-kserve send --url ${url}/webhook --secret ${config.mlflow_webhook_secret === devSecret ? devSecret : '<secret>'} --model iris-classifier --version 3 --tag deploy=true\n`,
    );
  }
  logger.info({ url, kube_target: config.kube_target, namespace: config.kube_namespace, mlflow: Boolean(mlflow) }, 'listening');
  io.onListening?.(url);

  const runReconcile = async (): Promise<void> => {
    if (!mlflow) return;
    try {
      await reconcile(runtime);
    } catch (error) {
      logger.error({ error: (error as Error).message }, 'reconcile failed');
    }
  };
  if (config.reconcile_on_startup) void runReconcile();
  const interval =
    config.reconcile_interval_seconds > 0 ? setInterval(() => void runReconcile(), config.reconcile_interval_seconds * 1000) : undefined;
  interval?.unref();

  await new Promise<void>((resolve) => {
    const stop = (reason: string): void => {
      logger.info({ reason }, 'shutting down: no new connections, finishing in-flight requests');
      if (interval) clearInterval(interval);
      server.close(() => resolve());
      server.closeIdleConnections();
    };
    if (io.signal) {
      if (io.signal.aborted) stop('aborted');
      else io.signal.addEventListener('abort', () => stop('aborted'), { once: true });
    }
  });
  logger.info({}, 'stopped');
  return 0;
}
