import { describe, expect, it } from 'vitest';
import { exampleReadme, freePort, readmeBlocks, runReadme } from '../../../test/readme-runner.js';

const { dir, readme } = exampleReadme(import.meta.url);

describe('examples/express-app README', () => {
  it('its commands, as written (on a free port) → the own route answers and a signed delivery writes the manifest', async () => {
    expect(readmeBlocks(readme).map((b) => b.kind)).toEqual(['server', 'run', 'manual']);
    const port = String(await freePort());
    const { outputs } = await runReadme(readme, dir, { replace: { '3000': port }, readyUrl: `http://127.0.0.1:${port}/mlflow/livez` });
    expect(outputs[0]).toContain('["search","ranking"]');
    expect(outputs[0]).toContain('"action":"created"');
    expect(outputs[0]).toContain('storageUri: s3://mlflow-artifacts/iris-classifier/3');
  }, 60_000);
});
