import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = readdirSync(join(root, 'packages'));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const rootPackage = JSON.parse(read('package.json')) as { repository: { url: string } };

describe('published package metadata', () => {
  it.each(packages)('packages/%s → repository, homepage, bugs, licence file, and a default export condition for require()', (dir) => {
    const pkg = JSON.parse(read(`packages/${dir}/package.json`)) as Record<string, any>;
    expect(pkg['repository']).toMatchObject({ url: rootPackage.repository.url, directory: `packages/${dir}` });
    expect(pkg['homepage']).toMatch(/^https:\/\//);
    expect(pkg['bugs'].url).toMatch(/^https:\/\//);
    expect(pkg['license']).toBe('Apache-2.0');
    expect(pkg['files']).toContain('LICENSE');
    expect(read(`packages/${dir}/LICENSE`)).toContain('Apache License');
    for (const [entry, conditions] of Object.entries(pkg['exports'] as Record<string, unknown>)) {
      if (typeof conditions === 'object') expect(conditions, entry).toHaveProperty('default');
    }
  });

  it.each(packages)('packages/%s/README.md → no relative links out of the package (they break on the registry)', (dir) => {
    expect(read(`packages/${dir}/README.md`)).not.toMatch(/\]\(\.\.\//);
  });
});
