import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freePort, readmeBlocks, runReadme } from '../../test/readme-runner.js';
import { repoRoot } from './ops-tools.js';

const readme = readFileSync(`${repoRoot}README.md`, 'utf8');
const manifest = `${repoRoot}manifests/kserve-mlflow-models/mlflow-iris-classifier-v3.yaml`;

describe("README's quick start (it builds: this tier, not npm test)", () => {
  it('"Try it in two minutes", as written → npm start serves, the first send writes the manifest, the second removes it', async () => {
    expect(readmeBlocks(readme).filter((b) => b.kind !== 'manual')).toHaveLength(2);
    const port = String(await freePort());
    const { outputs } = await runReadme(readme, repoRoot, {
      // `npm ci` already ran (CI's first step); running it again would replace the node_modules this test runs from.
      replace: { 'npm ci\n': '', '127.0.0.1:8000': `127.0.0.1:${port}` },
      env: { MLFLOW_KSERVE_APP_PORT: port },
      readyUrl: `http://127.0.0.1:${port}/livez`,
      readyTimeoutMs: 90_000, // npm start builds first: after a source change that takes longer than starting
    });
    expect(outputs[0]).toContain('"action":"created"');
    expect(outputs[0]).toContain('storageUri: s3://mlflow-artifacts/iris-classifier/3');
    expect(outputs[0]).toContain('"action":"deleted"');
    expect(existsSync(manifest)).toBe(false);
  }, 180_000);
});
