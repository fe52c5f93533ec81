import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, start, waitFor, type Managed } from './processes.js';

/** A real MLflow tracking server with the model registry and webhooks enabled for loopback delivery. */
export interface MlflowServer {
  url: string;
  version: string;
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

const cache = process.env['MLFLOW_KSERVE_E2E_CACHE'] ?? join(process.env['HOME'] ?? '/root', '.cache', 'mlflow-kserve-e2e');

/** Starts `mlflow server` on 127.0.0.1 with SQLite, one worker, and webhooks allowed to reach loopback. */
export async function startMlflowServer(dir: string): Promise<MlflowServer> {
  mkdirSync(dir, { recursive: true });
  const binary = join(cache, 'mlflow-venv', 'bin', 'mlflow');
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run scripts/e2e/provision.sh first (npm run test:e2e does).`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server: Managed = start(
    'mlflow',
    binary,
    [
      'server',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--backend-store-uri',
      `sqlite:///${join(dir, 'mlflow.db')}`,
      '--artifacts-destination',
      join(dir, 'artifacts'),
      '--workers',
      '1',
    ],
    {
      cwd: dir,
      log: join(dir, 'mlflow.log'),
      env: {
        ...process.env,
        MLFLOW_WEBHOOK_ALLOWED_SCHEMES: 'http,https',
        MLFLOW_WEBHOOK_ALLOW_PRIVATE_IPS: 'true',
        MLFLOW_WEBHOOK_SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64url') + '=',
        MLFLOW_WEBHOOK_CACHE_TTL: '0',
      },
    },
  );
  await waitFor('MLflow /health', async () => (await fetch(`${url}/health`)).ok, { managed: server, timeoutMs: 120_000, intervalMs: 500 });

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const send = () =>
      fetch(`${url}/api/2.0/mlflow/${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      // MLflow closes a connection after a few idle seconds; a request that meets it closing gets no answer at all
      // (the socket ends first) and is sent once more on a new connection.
      if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
      response = await send();
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`MLflow ${method} ${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
  const { execFileSync } = await import('node:child_process');
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  // MLflow answers /health before its registry is ready to take requests: wait for the first registry answer
  // (last, so that the connection it leaves open is fresh for the caller's first request).
  await waitFor(
    'MLflow registry',
    async () => {
      await api('GET', 'registered-models/search?max_results=1');
      return true;
    },
    { managed: server, timeoutMs: 30_000, intervalMs: 500 },
  );
  return { url, version, api, stop: () => server.stop() };
}
