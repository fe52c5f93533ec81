import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runReadme } from '../../../test/readme-runner.js';

const dir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
afterEach(() => rmSync(new URL('../manifests', import.meta.url), { recursive: true, force: true }));

describe('examples/custom-tooling README', () => {
  it('its commands, as written → one file per release, the listener’s names, a valid InferenceService', async () => {
    const { outputs } = await runReadme(readme, dir);
    expect(outputs[0]).toMatch(/mlflow-iris-classifier-v3\.yaml\n/);
    expect(outputs[0]).toMatch(/mlflow-fraud-detector-v12-[0-9a-f]{6}\.yaml\n/);
    expect(outputs[0]).toContain('kind: InferenceService');
    expect(outputs[0]).toContain('storageUri: s3://models/iris/3');
  }, 60_000);
});
