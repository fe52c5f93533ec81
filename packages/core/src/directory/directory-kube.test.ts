import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyInferenceService, deleteInferenceService } from '../ownership/apply-inference-service.js';
import { DirectoryKube } from './directory-kube.js';

const manifest = (uri = 's3://b/m') => ({
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: { name: 'mlflow-m-v1', namespace: 'ns' },
  spec: { predictor: { model: { storageUri: uri } } },
});
const owner = { model: 'm', version: '1' };

describe('DirectoryKube', () => {
  it('apply → <dir>/<ns>/<name>.yaml; again unchanged; changed → updated; delete → file gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-'));
    const kube = new DirectoryKube(dir);
    expect(await applyInferenceService(kube, manifest(), owner)).toBe('created');
    const file = join(dir, 'ns', 'mlflow-m-v1.yaml');
    expect(readFileSync(file, 'utf8')).toContain('storageUri: s3://b/m');
    expect(await applyInferenceService(kube, manifest(), owner)).toBe('unchanged');
    expect(await applyInferenceService(kube, manifest('s3://b/n'), owner)).toBe('updated');
    expect(readdirSync(join(dir, 'ns'))).toEqual(['mlflow-m-v1.yaml']);
    expect((await kube.list('ns', 'managed-by=mlflow-kserve')).map((o) => o.metadata.name)).toEqual(['mlflow-m-v1']);
    expect(await deleteInferenceService(kube, 'ns', 'mlflow-m-v1', owner)).toBe('deleted');
    expect(existsSync(file)).toBe(false);
    expect(await kube.list('ns', 'managed-by=mlflow-kserve')).toEqual([]);
  });

  it('a name with path characters → refused', async () => {
    const kube = new DirectoryKube(mkdtempSync(join(tmpdir(), 'mk-')));
    await expect(kube.get('ns', '../etc/passwd')).rejects.toMatchObject({ code: 'kubernetes_error' });
  });
});
