import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const claim = '^20.19.0 || >=22.12.0';

describe('the supported Node range', () => {
  it('every package.json → engines.node is ^20.19.0 || >=22.12.0 (require() of ESM needs 20.19+ or 22.12+)', () => {
    for (const file of [
      'package.json',
      'packages/core/package.json',
      'packages/express-adapter/package.json',
      'packages/lambda-adapter/package.json',
      'packages/cli/package.json',
    ]) {
      expect((JSON.parse(read(file)) as { engines: { node: string } }).engines.node, file).toBe(claim);
    }
  });

  it('.ci/run → requires every entry on exactly the lowest 22.x that engines claims', () => {
    const lowest22 = /22\.\d+\.\d+/.exec(claim)![0];
    expect(read('.ci/run')).toContain(`node@${lowest22}`);
  });

  it('README → states the same range', () => {
    expect(read('README.md')).toContain(`\`engines\`: \`${claim}\``);
  });
});
