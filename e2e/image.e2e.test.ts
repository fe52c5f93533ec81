import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, start, waitFor } from './harness/processes.js';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const app = mkdtempSync(join(tmpdir(), 'mlflow-kserve-image-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));

/** The runtime stage of the Dockerfile, as steps: copies from the build stage, commands, and the start command. */
function runtimeStage(): { copies: [string, string][]; runs: string[]; command: string[] } {
  const lines = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8')
    .replace(/\\\n\s*/g, ' ')
    .split('\n');
  const stage = lines.slice(lines.findIndex((l) => /^FROM .* AS runtime$/.test(l)) + 1);
  const copies: [string, string][] = [];
  const runs: string[] = [];
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  for (const line of stage) {
    const copy = /^COPY --from=build (.+)$/.exec(line);
    if (copy) {
      const parts = copy[1]!.trim().split(/\s+/);
      const target = parts.pop()!;
      for (const source of parts) copies.push([source.replace(/^\/src\//, ''), target]);
    } else if (line.startsWith('RUN ')) runs.push(line.slice(4));
    else if (line.startsWith('ENTRYPOINT ')) entrypoint = JSON.parse(line.slice(11)) as string[];
    else if (line.startsWith('CMD ')) cmd = JSON.parse(line.slice(4)) as string[];
  }
  return { copies, runs, command: [...entrypoint, ...cmd] };
}

describe('the container image’s contents (no Docker engine here)', () => {
  it('the files the image copies (one bundled file, no node_modules) → `mlflow-kserve serve` starts and answers, `--version` works', async () => {
    const { copies, runs, command } = runtimeStage();
    expect(command).toEqual(['node', '--max-semi-space-size=1', '/app/bundle/mlflow-kserve.mjs', 'serve']);
    expect(runs).toEqual([]); // nothing to install
    for (const [source, target] of copies) {
      const destination = target.endsWith('/')
        ? join(app, target, source.split('/').pop()!)
        : target === './'
          ? join(app, source.split('/').pop()!)
          : join(app, target);
      mkdirSync(dirname(destination), { recursive: true });
      cpSync(join(repoRoot, source), destination, { recursive: true });
    }
    expect(existsSync(join(app, 'node_modules'))).toBe(false);
    expect(readFileSync(join(app, 'bundle', 'THIRD-PARTY-LICENSES.txt'), 'utf8')).toContain('@kubernetes/client-node@');
    const [node, ...args] = command.map((part) => part.replace('/app', app));
    const version = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')).version as string;
    expect(execSync(`${node} ${args.slice(0, -1).join(' ')} --version`, { cwd: app, encoding: 'utf8' }).trim()).toBe(version);

    const port = await freePort();
    const before = execSync('find . -newer package.json | sort', { cwd: app, encoding: 'utf8' });
    const server = start('image', node!, args, {
      cwd: app,
      log: join(app, '..', `${app.split('/').pop()}.log`),
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
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
