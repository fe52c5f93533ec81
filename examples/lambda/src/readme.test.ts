import { describe, expect, it } from 'vitest';
import { exampleReadme, readmeBlocks, runReadme } from '../../../test/readme-runner.js';

const { dir, readme } = exampleReadme(import.meta.url);

describe('examples/lambda README', () => {
  it('"try it locally", as written on a bare machine (no MLflow, no MLFLOW_KSERVE_* set) → 200 created and the manifest file', async () => {
    expect(readmeBlocks(readme).filter((b) => b.kind === 'run')).toHaveLength(1);
    const bare = Object.fromEntries(
      Object.keys(process.env)
        .filter((k) => k.startsWith('MLFLOW_KSERVE_'))
        .map((k) => [k, undefined]),
    );
    const { outputs } = await runReadme(readme, dir, { env: bare });
    expect(outputs[0]).toContain('"statusCode": 200');
    expect(outputs[0]).toContain('\\"action\\":\\"created\\"');
    expect(outputs[0]).toContain('storageUri: s3://mlflow-artifacts/iris-classifier/3');
  }, 60_000);
});
