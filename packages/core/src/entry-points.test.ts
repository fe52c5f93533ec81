import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reachablePackages, sourceOf } from '../../../scripts/import-graph.js';
import { sourceAliases } from '../../../vitest.aliases.js';

const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('entry points', () => {
  const published = Object.keys(readJson('../package.json').exports as object)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => `@mlflow-kserve/core${subpath.slice(1)}`);

  it.each(published)('%s → mapped to its source for the type check, the tests and the import graph', (entry) => {
    const source = `packages/core/src/${entry === '@mlflow-kserve/core' ? 'index' : entry.split('/').pop()}.ts`;
    const paths = (readJson('../../../tsconfig.json').compilerOptions as { paths: Record<string, string[]> }).paths;
    expect(paths[entry]).toEqual([`./${source}`]);
    expect(sourceAliases.some(({ find }) => find.test(entry))).toBe(true);
    expect(sourceOf[entry]).toBe(source);
  });

  it('root entry → no Kubernetes client, HTTP framework, metrics library or test runner', () => {
    const packages = reachablePackages('packages/core/src/index.ts');
    for (const heavy of ['@kubernetes/client-node', 'express', 'prom-client', 'pino', 'vitest', 'msw'])
      expect(packages).not.toContain(heavy);
    expect([...packages].filter((p) => !p.startsWith('node:')).sort()).toEqual(['handlebars', 'yaml', 'zod']);
  });

  it('mlflow entry → no Kubernetes client', () => {
    expect(reachablePackages('packages/core/src/mlflow.ts')).not.toContain('@kubernetes/client-node');
  });

  it('testing entry → no test runner (fakes usable from any process)', () => {
    expect(reachablePackages('packages/core/src/testing.ts')).not.toContain('vitest');
  });

  it('kube entry → the Kubernetes client, and no Git library', () => {
    expect(reachablePackages('packages/core/src/kube.ts')).toContain('@kubernetes/client-node');
    expect(reachablePackages('packages/core/src/kube.ts')).not.toContain('isomorphic-git');
  });

  it('git entry → the Git library, no Kubernetes client', () => {
    expect(reachablePackages('packages/core/src/git.ts')).toContain('isomorphic-git');
    expect(reachablePackages('packages/core/src/git.ts')).not.toContain('@kubernetes/client-node');
  });

  it('CLI at startup → no Kubernetes client or Express (loaded only for a cluster target)', () => {
    const atStartup = reachablePackages('packages/cli/src/bin.ts', { dynamic: false });
    expect(atStartup).not.toContain('@kubernetes/client-node');
    expect(atStartup).not.toContain('express');
    expect(atStartup).not.toContain('isomorphic-git');
    expect(reachablePackages('packages/cli/src/bin.ts')).toContain('@kubernetes/client-node');
  });
});
