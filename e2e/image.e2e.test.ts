import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeForMajor } from '../scripts/image/node-for-major.js';
import { replayRuntimeStage, runtimeStage } from '../scripts/image/replay-runtime-stage.js';
import { freePort, start, waitFor } from './harness/processes.js';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const app = mkdtempSync(join(tmpdir(), 'mlflow-kserve-image-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));

describe('the container image’s contents (no Docker engine here)', () => {
  it('the files the image copies and its compile cache, on the image’s Node major → `mlflow-kserve serve` starts from the cache and answers, `--version` works, nothing written', async () => {
    const stage = runtimeStage();
    expect(stage.command).toEqual([
      'node',
      '--max-semi-space-size=4',
      '--heap-growing-percent=50',
      '/app/bundle/mlflow-kserve.mjs',
      'serve',
    ]);
    // Nothing is installed: the one RUN makes Node's compile cache with the ENTRYPOINT's Node flags.
    expect(stage.runs).toHaveLength(1);
    expect(stage.runs[0]).toContain(`node ${stage.command.slice(1, -1).join(' ')} --version`);
    expect(stage.env['NODE_COMPILE_CACHE']).toBe('/app/compile-cache');
    // The image's own Node major (the compile cache is only read by the Node that made it).
    const { command, env } = replayRuntimeStage(app, nodeForMajor(stage.nodeMajor));
    expect(readdirSync(join(app, 'compile-cache'), { recursive: true }).length).toBeGreaterThan(1);
    expect(existsSync(join(app, 'node_modules'))).toBe(false);
    expect(readFileSync(join(app, 'bundle', 'THIRD-PARTY-LICENSES.txt'), 'utf8')).toContain('@kubernetes/client-node@');
    const [node, ...args] = command;
    const version = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')).version as string;
    expect(execFileSync(node!, [...args.slice(0, -1), '--version'], { cwd: app, env, encoding: 'utf8' }).trim()).toBe(version);

    const port = await freePort();
    const before = execSync('find . -newer package.json | sort', { cwd: app, encoding: 'utf8' });
    const server = start('image', node!, args, {
      cwd: app,
      log: join(app, '..', `${app.split('/').pop()}.log`),
      env: {
        ...env,
        PATH: process.env['PATH'],
        MLFLOW_KSERVE_APP_HOST: '127.0.0.1',
        MLFLOW_KSERVE_APP_PORT: String(port),
        MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://127.0.0.1:9',
        MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'image-test',
        MLFLOW_KSERVE_KUBE_TARGET: `dir:${join(tmpdir(), 'image-manifests')}`,
      },
    });
    try {
      await waitFor('/livez', async () => (await fetch(`http://127.0.0.1:${port}/livez`)).ok, { managed: server, timeoutMs: 30_000 });
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(503); // MLflow is not reachable at :9
    } finally {
      await server.stop();
    }
    // It wrote nothing into its own directory (works with a read-only root filesystem).
    expect(execSync('find . -newer package.json | sort', { cwd: app, encoding: 'utf8' })).toBe(before);
  });
});
