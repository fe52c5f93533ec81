import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { converge } from '../converge/converge.js';
import { versionKey } from '../keys/deployment-key.js';
import { createRuntime } from '../runtime/runtime.js';
import { testDeps } from '../testing/test-deps.js';
import { DirectoryKube } from './directory-kube.js';

const manifest = (name = 'mlflow-m-v1', uri = 's3://b/m') => ({
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: { name, namespace: 'ns', labels: { 'managed-by': 'mlflow-kserve' } },
  spec: { predictor: { model: { storageUri: uri } } },
});
const fresh = () => mkdtempSync(join(tmpdir(), 'mk-'));

describe('DirectoryKube', () => {
  it('apply → <dir>/<ns>/<name>.yaml; list finds it; delete → file gone', async () => {
    const dir = fresh();
    const kube = new DirectoryKube(dir);
    await kube.apply(manifest(), { resourceVersion: undefined });
    const file = join(dir, 'ns', 'mlflow-m-v1.yaml');
    expect(readFileSync(file, 'utf8')).toContain('storageUri: s3://b/m');
    expect(readdirSync(join(dir, 'ns'))).toEqual(['mlflow-m-v1.yaml']);
    expect((await kube.list('ns', 'managed-by=mlflow-kserve')).map((o) => o.metadata.name)).toEqual(['mlflow-m-v1']);
    expect(await kube.delete('ns', 'mlflow-m-v1')).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(await kube.delete('ns', 'mlflow-m-v1')).toBe(false);
  });

  it('a name with path characters → refused', async () => {
    const kube = new DirectoryKube(fresh());
    await expect(kube.get('ns', '../etc/passwd')).rejects.toMatchObject({ code: 'kubernetes_error' });
  });

  it.each(['yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO', 'True', '1_000', '1:20', '0o17', '017', '2001-12-14', '~', 'null', '.inf'])(
    'model named %j → every label and annotation reads back as a string with a YAML 1.1 parser',
    async (model) => {
      const deps = testDeps({ kube_target: 'dir:x' });
      const dir = fresh();
      const kube = new DirectoryKube(dir);
      deps.mlflow.addVersion({ name: model, version: '1', source: 's3://b/x', tags: { deploy: 'true' } });
      const { name } = await converge(createRuntime({ ...deps, kube }), versionKey(model, '1'));
      const read = parse(readFileSync(join(dir, 'kserve-mlflow-models', `${name}.yaml`), 'utf8'), { version: '1.1' });
      for (const map of [read.metadata.labels, read.metadata.annotations]) {
        for (const [k, v] of Object.entries(map)) expect(typeof v, `${k}: ${String(v)}`).toBe('string');
      }
      expect(read.metadata.annotations['mlflow-kserve.io/model-name']).toBe(model);
    },
  );

  it('empty, null, two-document and broken files in the folder → skipped and reported by name; the rest listed', async () => {
    const dir = fresh();
    const warnings: string[] = [];
    const kube = new DirectoryKube(dir, { onWarning: (w) => warnings.push(w) });
    await kube.apply(manifest(), { resourceVersion: undefined });
    writeFileSync(join(dir, 'ns', 'empty.yaml'), '');
    writeFileSync(join(dir, 'ns', 'null.yaml'), 'null\n');
    writeFileSync(join(dir, 'ns', 'two.yaml'), 'a: 1\n---\nb: 2\n');
    writeFileSync(join(dir, 'ns', 'broken.yaml'), 'a: [\n');
    expect((await kube.list('ns', 'managed-by=mlflow-kserve')).map((o) => o.metadata.name)).toEqual(['mlflow-m-v1']);
    expect(kube.warnings().sort()).toEqual([
      'ns/broken.yaml is not one InferenceService and was skipped',
      'ns/empty.yaml is not one InferenceService and was skipped',
      'ns/null.yaml is not one InferenceService and was skipped',
      'ns/two.yaml is not one InferenceService and was skipped',
    ]);
    expect(warnings).toHaveLength(4);
  });

  it('a file removed between listing the folder and reading it → skipped, no error', async () => {
    const dir = fresh();
    const kube = new DirectoryKube(dir);
    for (let i = 0; i < 30; i += 1) await kube.apply(manifest(`s-${i}`), { resourceVersion: undefined });
    const removing = (async () => {
      for (let i = 0; i < 30; i += 1) {
        rmSync(join(dir, 'ns', `s-${i}.yaml`), { force: true });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const lists = await Promise.all(Array.from({ length: 20 }, () => kube.list('ns', 'managed-by=mlflow-kserve')));
    await removing;
    expect(lists.every(Array.isArray)).toBe(true);
  });

  it('a temp file left by a killed writer → ignored by list and removed by the next write', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'ns'), { recursive: true });
    const leftover = join(dir, 'ns', 'mlflow-m-v1.yaml.123.456.tmp');
    writeFileSync(leftover, 'half a fi');
    const kube = new DirectoryKube(dir);
    expect(await kube.list('ns', 'managed-by=mlflow-kserve')).toEqual([]);
    await kube.apply(manifest(), { resourceVersion: undefined });
    expect(existsSync(leftover)).toBe(false);
  });

  it('ping on a directory that cannot be written → kubernetes_error without the path; a writable one → ok', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'file'), '');
    const kube = new DirectoryKube(join(dir, 'file', 'sub'));
    const error = await kube.ping().catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'kubernetes_error' });
    expect((error as Error).message).not.toContain(dir);
    await expect(new DirectoryKube(join(dir, 'ok')).ping()).resolves.toBeUndefined();
  });
});
