import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeForMajor } from '../scripts/image/node-for-major.js';
import { replayRuntimeStage, runtimeStage } from '../scripts/image/replay-runtime-stage.js';
import { freePort, start, waitFor } from './harness/processes.js';
import { allEvents, namespace, startWorld } from './harness/world.js';

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

  it('the image’s bundle with a cluster target, against real MLflow and the API server → ready; deploy=true creates the InferenceService, deploy=false deletes it, the Lease is held', async () => {
    const stage = runtimeStage();
    const image = mkdtempSync(join(tmpdir(), 'mlflow-kserve-image-cluster-'));
    const { command, env } = replayRuntimeStage(image, nodeForMajor(stage.nodeMajor));
    // The Kubernetes client is a chunk the bundle loads on demand: this is the path that loads it.
    const world = await startWorld({ ...env, MLFLOW_KSERVE_POD_NAME: 'image-pod' }, allEvents, command.slice(0, -1));
    try {
      expect((await fetch(`${world.listener.url}/readyz`)).status).toBe(200);
      await world.model('image-e2e');
      const v = await world.version('image-e2e');
      await world.setTag('image-e2e', v, 'deploy', 'true');
      const isvc = await world.present(`mlflow-image-e2e-v${v}`);
      expect(isvc.metadata.labels?.['managed-by']).toBe('mlflow-kserve');
      await world.setTag('image-e2e', v, 'deploy', 'false');
      await world.absent(`mlflow-image-e2e-v${v}`);
      const lease = await waitFor('the Lease to be held', async () => {
        const { status, text } = await world.kube.request(
          'GET',
          `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/mlflow-kserve`,
        );
        const body = status === 200 ? (JSON.parse(text) as { spec?: { holderIdentity?: string; renewTime?: string } }) : undefined;
        return body?.spec?.holderIdentity ? body : undefined;
      });
      expect(lease.spec?.holderIdentity).toBe('image-pod');
      expect(lease.spec?.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/); // Kubernetes MicroTime
    } finally {
      await world.stop();
      rmSync(image, { recursive: true, force: true });
    }
  });
});
