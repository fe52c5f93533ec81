import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Config, createNodeListener, MlflowKserveError } from '@mlflow-kserve/core';
import { assembleMlflowKserve, kubeTargetForLogs } from '@mlflow-kserve/core/assemble';
import { redactUrl } from '@mlflow-kserve/core/operations';
import { createPrometheusMetrics } from '@mlflow-kserve/core/prometheus';
import type { CliIo, ExitCode } from '../cli-io.js';
import { envHas, flagSettings, type TargetOptions } from '../load-cli-config.js';

// Not `import { createServer } from 'node:http'`: see nodeHttp in the core (packages/core/src/util/node-http.ts).
const { createServer } = process.getBuiltinModule('node:http');

/** Options of `mlflow-kserve serve`. */
export interface ServeOptions extends TargetOptions {
  dev?: boolean;
  host?: string;
  port?: string;
}

/** The development secret `serve --dev` uses when none is set. Local use only. */
export const devSecret = 'mlflow-kserve-dev-secret';

/** What `--dev` sets where neither a flag nor a variable says otherwise. */
function devDefaults(io: CliIo): Partial<Record<keyof Config, unknown>> {
  return {
    ...(envHas(io, 'MLFLOW_WEBHOOK_SECRET') ? {} : { mlflow_webhook_secret: devSecret }),
    ...(envHas(io, 'KUBE_TARGET') ? {} : { kube_target: 'dir:./manifests' }),
    ...(envHas(io, 'APP_HOST') ? {} : { app_host: '127.0.0.1' }),
    ...(envHas(io, 'STORAGE_URI_BASE') ? {} : { storage_uri_base: 's3://mlflow-artifacts' }),
  };
}

/**
 * `serve`: the standalone listener, plain `node:http` over the one assembly every adapter uses. Checks the
 * configuration as `config check` does (every problem at once, exit 2). Stops accepting on SIGTERM/SIGINT
 * (or `io.signal`), finishes in-flight requests, then resolves 0. Runs the background work (periodic
 * reconcile, status write-back) — with several replicas only on the Lease holder.
 *
 * @example
 * ```ts
 * await serve({ dev: true }, io); // runs until stopped
 * ```
 */
export async function serve(options: ServeOptions, io: CliIo): Promise<ExitCode> {
  const flags = flagSettings(options, { app_host: ['--host', options.host], app_port: ['--port', options.port] });
  const overrides = { ...(options.dev ? devDefaults(io) : {}), ...flags.overrides };
  let assembly: Awaited<ReturnType<typeof assembleMlflowKserve>>;
  try {
    assembly = await assembleMlflowKserve({
      env: io.env,
      overrides,
      overrideNames: flags.overrideNames,
      development: Boolean(options.dev),
      metrics: createPrometheusMetrics(),
      logWrite: (line) => io.stdout(`${line}\n`),
      ...(io.ports?.kube ? { kube: io.ports.kube } : {}),
      ...(io.ports?.mlflow ? { mlflow: io.ports.mlflow } : {}),
      ...(io.fetch ? { fetch: io.fetch } : {}),
    });
  } catch (error) {
    if (MlflowKserveError.isInstance(error) && error.code === 'config_invalid') {
      io.stderr(`${error.message}\n`);
      if (error.message.includes('MLFLOW_TRACKING_URI is required'))
        io.stderr('To try the listener without MLflow, run: mlflow-kserve serve --dev\n');
      return 2;
    }
    throw error;
  }
  const { config, runtime, handle, logger } = assembly;
  const server: Server = createServer(createNodeListener(handle, { maxBodyBytes: config.max_body_bytes }));
  server.keepAliveTimeout = 5_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.app_port, config.app_host, () => resolve());
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      io.stderr(
        `error: port ${config.app_port} on ${config.app_host} is in use; choose another with --port (or MLFLOW_KSERVE_APP_PORT).\n`,
      );
    else if (code === 'EACCES')
      io.stderr(`error: not allowed to listen on port ${config.app_port}; choose a port above 1023 with --port.\n`);
    else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      io.stderr(`error: cannot listen on address ${config.app_host}; choose another with --host.\n`);
    else throw error;
    return 1;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.app_host.includes(':') ? `[${config.app_host}]` : config.app_host}:${port}`;
  const mlflow = !runtime.recordEvent;
  if (options.dev) io.stderr(devBanner(config, url, mlflow));
  logger.info({ url, kube_target: kubeTargetForLogs(config), namespace: config.kube_namespace, mlflow }, 'listening');
  io.onListening?.(url);

  await assembly.start();
  await new Promise<void>((resolve) => {
    const stop = (reason: string): void => {
      logger.info({ reason }, 'shutting down: no new connections, finishing in-flight requests');
      const closed = new Promise<void>((done) => server.close(() => done()));
      void Promise.all([closed, assembly.stop()]).then(() => resolve());
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

function devBanner(config: Config, url: string, mlflow: boolean): string {
  const secretNote =
    config.mlflow_webhook_secret === devSecret
      ? `webhook secret: ${devSecret} (development only; set MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET for anything else)`
      : 'webhook secret: from MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET';
  const storage = mlflow
    ? 'storage: resolved through MLflow'
    : `storage: without MLflow, a version's storageUri is invented as ${config.storage_uri_base ?? '<MLFLOW_KSERVE_STORAGE_URI_BASE>'}/<model>/<version>`;
  return [
    `mlflow-kserve (development) listening on ${url}`,
    `  target: ${config.kube_target}`,
    `  MLflow: ${config.mlflow_tracking_uri ? redactUrl(config.mlflow_tracking_uri) : 'not configured (events are applied as they come)'}`,
    `  ${storage}`,
    `  ${secretNote}`,
    'Try, in a second terminal:',
    `  npx mlflow-kserve send --url ${url}/webhook --secret ${config.mlflow_webhook_secret === devSecret ? devSecret : '<secret>'} --model iris-classifier --version 3 --tag deploy=true`,
    '',
  ].join('\n');
}
