import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const examples = new URL('../examples/', import.meta.url);

describe('examples/', () => {
  it('every example → a README whose commands a test beside it runs (src/readme.test.ts)', () => {
    const names = readdirSync(examples, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(names.sort()).toEqual(['core-tour', 'custom-tooling', 'express-app', 'lambda']);
    for (const name of names) {
      expect(existsSync(new URL(`${name}/README.md`, examples)), `${name}/README.md`).toBe(true);
      expect(existsSync(new URL(`${name}/src/readme.test.ts`, examples)), `${name}/src/readme.test.ts`).toBe(true);
    }
  });
});
