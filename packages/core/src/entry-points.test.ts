import { describe, expect, it } from 'vitest';
import { reachablePackages } from '../../../scripts/import-graph.js';

describe('entry points', () => {
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
