import { describe, expect, it } from 'vitest';
import { exampleReadme, freePort, readmeBlocks, runReadme } from '../../../test/readme-runner.js';

const { dir, readme } = exampleReadme(import.meta.url);

describe('examples/core-tour README', () => {
  it('its commands, as written (on a free port) → the tour prints every step; the hand-wired listener answers a signed delivery', async () => {
    expect(readmeBlocks(readme).map((b) => b.kind)).toEqual(['run', 'server', 'run']);
    const port = String(await freePort());
    const { outputs } = await runReadme(readme, dir, { replace: { '8000': port }, readyUrl: `http://127.0.0.1:${port}/livez` });
    expect(outputs[0]).toContain('"converged": "created"');
    expect(outputs[1]).toContain('"action":"ignored"');
  }, 60_000);
});
