import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, fastStatusWriter } from '../test-support/status-writer-helpers.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createRuntime } from '../runtime/runtime.js';
import { testDeps } from '../testing/test-deps.js';
import { converge } from './converge.js';
import { versionKey } from '../keys/deployment-key.js';
import { DirectoryKube } from '../directory/directory-kube.js';
import { type StatusWriter, startStatusWriter } from '../status/start-status-writer.js';

const key = versionKey('fraud', '1');
const fast = fastStatusWriter;
let writer: StatusWriter | undefined;
afterEach(() => writer?.stop());
const kserveTags = (tags: Record<string, string>) => Object.fromEntries(Object.entries(tags).filter(([k]) => k.startsWith('kserve.')));

describe('converge → status tags name only what exists', () => {
  it('a refused namespace move (kserve.namespace outside the allowed list) → Rejected; kserve.inference_service still names the service that serves', async () => {
    const deps = testDeps({ overrides_allowed: 'namespace', allowed_namespaces: 'team-a' });
    deps.mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1', tags: { deploy: 'true' } });
    const rt = createRuntime(deps);
    writer = startStatusWriter(rt, fast);
    await converge(rt, key);
    const tags = deps.mlflow.versions.get('fraud/1')!.tags;
    await eventually(() => tags['kserve.status'] === 'Pending', 'Pending');
    tags['kserve.namespace'] = 'somewhere-else';
    await expect(converge(rt, key)).rejects.toMatchObject({ code: 'invalid_override' });
    await writer.idle();
    expect(kserveTags(tags)).toMatchObject({
      'kserve.status': 'Rejected',
      'kserve.inference_service': 'kserve-mlflow-models/mlflow-fraud-v1',
      'kserve.message': expect.stringContaining('somewhere-else'),
    });
    expect([...deps.kube.objects.keys()]).toEqual(['kserve-mlflow-models/mlflow-fraud-v1']);
  });

  it('deployed then undeployed (deploy=false) → Removed; no tag names the removed service', async () => {
    const deps = testDeps();
    deps.mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1', tags: { deploy: 'true' } });
    const rt = createRuntime(deps);
    writer = startStatusWriter(rt, fast);
    await converge(rt, key);
    const tags = deps.mlflow.versions.get('fraud/1')!.tags;
    await eventually(() => tags['kserve.inference_service'], 'inference_service');
    tags['deploy'] = 'false';
    expect((await converge(rt, key)).action).toBe('deleted');
    await eventually(() => tags['kserve.status'] === 'Removed', 'Removed');
    expect(Object.keys(kserveTags(tags)).sort()).toEqual(['kserve.status', 'kserve.updated_at']);
  });

  it('directory target: deployed then undeployed → kserve.manifest and kserve.inference_service removed with the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'status-tags-'));
    const deps = testDeps({ status_writeback: true, kube_target: `dir:${dir}` });
    deps.mlflow.addVersion({ name: 'fraud', version: '1', source: 's3://b/fraud/1', tags: { deploy: 'true' } });
    const rt = createRuntime({ ...deps, kube: new DirectoryKube(dir) });
    await converge(rt, key);
    const tags = deps.mlflow.versions.get('fraud/1')!.tags;
    expect(tags['kserve.manifest']).toMatch(/mlflow-fraud-v1\.yaml$/);
    tags['deploy'] = 'false';
    await converge(rt, key);
    expect(tags).not.toHaveProperty('kserve.manifest');
    expect(tags).not.toHaveProperty('kserve.inference_service');
    expect(tags['kserve.status']).toBe('Removed');
  });
});
