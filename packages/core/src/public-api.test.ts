import { describe, expect, it } from 'vitest';
import * as assemble from './assemble.js';
import * as directory from './directory.js';
import * as gitEntry from './git.js';
import * as root from './index.js';
import * as kube from './kube.js';
import * as mlflow from './mlflow.js';
import * as operations from './operations.js';
import * as prometheus from './prometheus.js';
import * as testing from './testing.js';

// The documented API of each entry. A change here is a change users see: update the docs and add a
// changeset with it.
describe('public API', () => {
  it.each([
    ['@mlflow-kserve/core', root],
    ['@mlflow-kserve/core/assemble', assemble],
    ['@mlflow-kserve/core/directory', directory],
    ['@mlflow-kserve/core/git', gitEntry],
    ['@mlflow-kserve/core/kube', kube],
    ['@mlflow-kserve/core/operations', operations],
    ['@mlflow-kserve/core/mlflow', mlflow],
    ['@mlflow-kserve/core/prometheus', prometheus],
    ['@mlflow-kserve/core/testing', testing],
  ])('%s → the documented exports', (entry, module) => {
    expect(Object.keys(module).sort()).toMatchSnapshot(entry);
  });

  it('@mlflow-kserve/core → at most 60 names, types included (the headline functions, ports, errors)', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('./index.ts', import.meta.url), 'utf8');
    const names = [...source.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(',').filter((n) => n.trim() !== ''));
    expect(names.length).toBeLessThanOrEqual(60);
    expect(names.length).toBeGreaterThan(40);
  });
});
