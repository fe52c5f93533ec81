import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, start, waitFor, type Managed } from './processes.js';

/** The project's standalone server (the built CLI), started as a user would. */
export interface Listener {
  url: string;
  /** The listener's process id. */
  pid: number;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
  /** Kills the process at once (a crash: nothing is released). */
  kill(): void;
}

/** Runs the built CLI with `args` and the listener's environment; resolves with its output and exit code. */
export async function cli(
  repoRoot: string,
  env: NodeJS.ProcessEnv,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(repoRoot, 'packages/cli/bin/mlflow-kserve.js'), ...args], {
      env,
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * Starts `mlflow-kserve serve` on 127.0.0.1 against real MLflow and the real API server: the npm package's
 * command by default, or `command` (a Node binary and its arguments before `serve`, e.g. the image's).
 */
export async function startListener(
  repoRoot: string,
  dir: string,
  settings: Record<string, string>,
  command: string[] = [process.execPath, join(repoRoot, 'packages/cli/bin/mlflow-kserve.js')],
): Promise<Listener> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    MLFLOW_KSERVE_APP_HOST: '127.0.0.1',
    MLFLOW_KSERVE_APP_PORT: String(port),
    ...settings,
  };
  const server: Managed = start('listener', command[0]!, [...command.slice(1), 'serve'], {
    env,
    log: join(dir, 'listener.log'),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('listener /livez', async () => (await fetch(`${url}/livez`)).ok, { managed: server, timeoutMs: 30_000 });
  return { url, pid: server.child.pid!, env, stop: () => server.stop(), kill: () => void server.child.kill('SIGKILL') };
}

/**
 * Starts the Express example app (`examples/express-app/src/server.ts`, run with tsx over the built
 * packages) on 127.0.0.1 with `settings`: an existing Node service hosting the middleware under `/mlflow`.
 * Its `url` ends in `/mlflow`, so `/webhook`, `/livez`, … resolve under the mount point.
 */
export async function startExpressHost(repoRoot: string, dir: string, settings: Record<string, string>): Promise<Listener> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'], PORT: String(port), ...settings };
  const server: Managed = start(
    'express-host',
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'examples/express-app/src/server.ts')],
    {
      env,
      cwd: repoRoot,
      log: join(dir, 'express-host.log'),
    },
  );
  const url = `http://127.0.0.1:${port}/mlflow`;
  await waitFor('Express host /mlflow/livez', async () => (await fetch(`${url}/livez`)).ok, { managed: server, timeoutMs: 60_000 });
  return { url, pid: server.child.pid!, env, stop: () => server.stop(), kill: () => void server.child.kill('SIGKILL') };
}
