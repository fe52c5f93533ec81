import { describe, expect, it } from 'vitest';
import type { RegistryEvent } from '../events/registry-event.js';
import { EventFedMlflow } from './event-fed-mlflow.js';

const base = { timestamp: undefined, workspace: undefined };
const tagSet = (key: string, value: string, version = '3'): RegistryEvent => ({
  type: 'model_version_tag.set',
  model: 'iris',
  version,
  key,
  value,
  runId: 'r1',
  experimentId: '7',
  ...base,
});

describe('EventFedMlflow', () => {
  it('deploy=true told → the version has the tag; deleted → it has not; never told → null (absent)', async () => {
    const mlflow = new EventFedMlflow({ storageUriBase: 's3://b' });
    expect(await mlflow.getModelVersion('iris', '3')).toBeNull();
    mlflow.record(tagSet('deploy', 'true'));
    expect((await mlflow.getModelVersion('iris', '3'))?.tags).toEqual({ deploy: 'true' });
    mlflow.record({ type: 'model_version_tag.deleted', model: 'iris', version: '3', key: 'deploy', ...base });
    expect((await mlflow.getModelVersion('iris', '3'))?.tags).toEqual({});
  });

  it('a version without a source → files at {storage_uri_base}/{model}/{version}; with one → the source; no base → 422 naming the setting', async () => {
    const mlflow = new EventFedMlflow({ storageUriBase: 's3://b/' });
    mlflow.record(tagSet('deploy', 'true'));
    expect(await mlflow.getDownloadUri('iris', '3')).toBe('s3://b/iris/3');
    mlflow.record({ type: 'model_version.created', model: 'iris', version: '4', source: 'gs://m/4', runId: undefined, tags: {}, ...base });
    expect(await mlflow.getDownloadUri('iris', '4')).toBe('gs://m/4');
    const bare = new EventFedMlflow();
    bare.record(tagSet('deploy', 'true'));
    await expect(bare.getDownloadUri('iris', '3')).rejects.toMatchObject({
      code: 'storage_uri_unusable',
      message: expect.stringContaining('MLFLOW_KSERVE_STORAGE_URI_BASE'),
    });
  });

  it('the run and experiment a legacy tag event names → getRun answers them', async () => {
    const mlflow = new EventFedMlflow();
    mlflow.record(tagSet('deploy', 'true'));
    expect(await mlflow.getRun('r1')).toEqual({ runId: 'r1', experimentId: '7', artifactUri: undefined });
  });

  it('alias created on 1 then on 2 → it points to 2 only; deleted → null', async () => {
    const mlflow = new EventFedMlflow();
    mlflow.record({ type: 'model_version_alias.created', model: 'iris', alias: 'champion', version: '1', ...base });
    mlflow.record({ type: 'model_version_alias.created', model: 'iris', alias: 'champion', version: '2', ...base });
    expect((await mlflow.getModelVersionByAlias('iris', 'champion'))?.version).toBe('2');
    expect((await mlflow.getModelVersion('iris', '1'))?.aliases).toEqual([]);
    mlflow.record({ type: 'model_version_alias.deleted', model: 'iris', alias: 'champion', ...base });
    expect(await mlflow.getModelVersionByAlias('iris', 'champion')).toBeNull();
  });

  it('searches (what a reconcile lists) → refused with what to set: it knows only the events it saw', async () => {
    const mlflow = new EventFedMlflow();
    await expect(mlflow.searchModelVersions()).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining('MLFLOW_KSERVE_MLFLOW_TRACKING_URI'),
    });
    await expect(mlflow.searchRegisteredModels()).rejects.toMatchObject({ code: 'config_invalid' });
  });

  it('a returned version is a copy: changing it changes nothing told', async () => {
    const mlflow = new EventFedMlflow();
    mlflow.record(tagSet('deploy', 'true'));
    const version = await mlflow.getModelVersion('iris', '3');
    version!.tags['deploy'] = 'false';
    expect((await mlflow.getModelVersion('iris', '3'))?.tags['deploy']).toBe('true');
  });
});
