import { describe, expect, it } from 'vitest';
import { exampleReadme, runReadme } from '../../../test/readme-runner.js';

const { dir, readme } = exampleReadme(import.meta.url);

describe('examples/custom-tooling README', () => {
  it('its commands, as written → one file per release, the listener’s names, a valid InferenceService', async () => {
    const { outputs } = await runReadme(readme, dir);
    expect(outputs[0]).toMatch(/mlflow-iris-classifier-v3\.yaml\n/);
    expect(outputs[0]).toMatch(/mlflow-fraud-detector-v12-[0-9a-f]{6}\.yaml\n/);
    expect(outputs[0]).toContain('kind: InferenceService');
    expect(outputs[0]).toContain('storageUri: s3://models/iris/3');
  }, 60_000);
});
