import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Every package a source file can reach through static and dynamic imports. */
function reachablePackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\s(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  };
  visit(resolve(here, entry));
  return packages;
}

describe('entry points', () => {
  it('root entry → no Kubernetes client, HTTP framework, metrics library or test runner', () => {
    const packages = reachablePackages('index.ts');
    for (const heavy of ['@kubernetes/client-node', 'express', 'prom-client', 'pino', 'vitest', 'msw']) expect(packages).not.toContain(heavy);
    expect([...packages].filter((p) => !p.startsWith('node:')).sort()).toEqual(['handlebars', 'yaml', 'zod']);
  });

  it('mlflow entry → no Kubernetes client', () => {
    expect(reachablePackages('mlflow.ts')).not.toContain('@kubernetes/client-node');
  });

  it('testing entry → no test runner (fakes usable from any process)', () => {
    expect(reachablePackages('testing.ts')).not.toContain('vitest');
  });

  it('kube entry → the Kubernetes client', () => {
    expect(reachablePackages('kube.ts')).toContain('@kubernetes/client-node');
  });
});
