import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, readmeBlocks, runReadme } from '../../../test/readme-runner.js';

const dir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
afterEach(() => rmSync(new URL('../manifests', import.meta.url), { recursive: true, force: true }));

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
