import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signedRequest, tagEventBody } from '@mlflow-kserve/core/testing';

const here = fileURLToPath(new URL('.', import.meta.url));
const readme = readFileSync(join(here, '..', '..', '..', 'README.md'), 'utf8');
const normalize = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('//'));

describe('examples/core-tour', () => {
  it('tour.ts → every step gives what its comment says', async () => {
    const { tour } = await import('./tour.js');
    expect(tour.verified.ok).toBe(true);
    expect(tour.event).toMatchObject({
      type: 'model_version_tag.set',
      model: 'iris-classifier',
      version: '3',
      key: 'deploy',
      value: 'true',
    });
    expect(tour.action).toEqual({ type: 'converge', keys: [{ kind: 'version', model: 'iris-classifier', version: '3' }] });
    expect(tour.name).toBe('mlflow-iris-classifier-v3-f5430c');
    expect(tour.object.metadata.name).toBe('mlflow-iris-classifier-v3');
    expect(tour.result).toMatchObject({ action: 'created', name: 'mlflow-iris-classifier-v3' });
  });

  it('README.md → every TypeScript snippet is part of this runnable example, line for line', () => {
    const sources = normalize(readFileSync(join(here, 'tour.ts'), 'utf8') + readFileSync(join(here, 'listen.ts'), 'utf8'));
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks)
      for (const line of normalize(block)) expect(sources, `README line not in examples/core-tour: ${line}`).toContain(line);
  });

  it('listen.ts, configured only by MLFLOW_KSERVE_* variables → serves a signed delivery', async () => {
    const target = mkdtempSync(join(tmpdir(), 'core-tour-'));
    const root = join(here, '..', '..', '..');
    // tsx resolves the packages to their sources through the repository's tsconfig paths: no build needed.
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'listen.ts')], {
      cwd: root,
      env: {
        PATH: process.env['PATH'],
        TSX_TSCONFIG_PATH: join(root, 'tsconfig.json'),
        MLFLOW_KSERVE_APP_HOST: '127.0.0.1',
        MLFLOW_KSERVE_APP_PORT: '0',
        MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'whsec-example',
        MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://127.0.0.1:9',
        MLFLOW_KSERVE_KUBE_TARGET: `dir:${target}`,
      },
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /"port":(\d+)/.exec(out);
          if (match) resolve(Number(match[1]));
        });
        child.once('exit', (code) => reject(new Error(`listen.ts exited ${code}: ${out}`)));
      });
      const request = signedRequest({ secret: 'whsec-example', body: tagEventBody('iris', '1', 'owner', 'me') });
      const response = await fetch(`http://127.0.0.1:${port}/webhook`, {
        method: 'POST',
        headers: request.headers as Record<string, string>,
        body: request.rawBody as string,
      });
      expect(await response.json()).toMatchObject({ status: 'success', action: 'ignored' });
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
