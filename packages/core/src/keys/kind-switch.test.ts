import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** A decision on a deployment key's kind: comparing it with a kind's name, `in` checks, or a lookup by it. */
const kindSwitch = /kind\s*[!=]==?\s*'(version|alias)'|'(version|alias)'\s+in\s+key|case\s+'(version|alias)'|\[\s*key\.kind\b/;

describe('key kinds', () => {
  it('the only places that decide on a key’s kind → the two tables (identity, query) and the kinds’ own files', () => {
    const places = sources(src)
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${relative(src, file)}:${i + 1}`, line }))
          .filter(({ line }) => kindSwitch.test(line)),
      )
      .map(({ where }) => where.replace(/:\d+$/, ''));
    expect([...new Set(places)].sort()).toEqual(['converge/key-queries/query-of.ts', 'keys/identity-of.ts']);
  });
});
