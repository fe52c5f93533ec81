import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { RestMlflowClient } from '../mlflow/rest-mlflow-client.js';
import { createRuntime } from '../runtime/runtime.js';
import { recordingMswServer } from '../test-support/recording-msw-server.js';
import { testDeps } from '../testing/test-deps.js';
import { readStatusSnapshot } from './status-snapshot.js';

const api = 'http://mlflow.test/api/2.0/mlflow';
const { server, seen } = recordingMswServer();

describe('readStatusSnapshot', () => {
  it('REST: one model-versions/search for versions with a status tag (10,000 a page), one registered-models/search with aliases → tags by place', async () => {
    server.use(
      http.get(`${api}/model-versions/search`, () =>
        HttpResponse.json({
          model_versions: [
            { name: 'iris', version: '3', source: 's3://b', status: 'READY', tags: [{ key: 'kserve.status', value: 'Ready' }] },
          ],
        }),
      ),
      http.get(`${api}/registered-models/search`, () =>
        HttpResponse.json({ registered_models: [{ name: 'iris', tags: [{ key: 'kserve.champion.status', value: 'Ready' }] }] }),
      ),
    );
    const deps = testDeps({ deploy_aliases: 'champion' });
    const rt = createRuntime({ ...deps, mlflow: new RestMlflowClient({ trackingUri: 'http://mlflow.test' }) });
    const snapshot = await readStatusSnapshot(rt);
    expect(snapshot.versions).toEqual(new Map([['iris/3', { 'kserve.status': 'Ready' }]]));
    expect(snapshot.models).toEqual(new Map([['iris', { 'kserve.champion.status': 'Ready' }]]));
    const search = new URL(seen.find((r) => r.url.includes('model-versions/search'))!.url).searchParams;
    expect(search.get('filter')).toBe("tags.`kserve.status` ILIKE '%'");
    expect(search.get('max_results')).toBe('10000');
    expect(seen).toHaveLength(2);
  });

  it('no aliases deployed → the registered models are not searched', async () => {
    server.use(http.get(`${api}/model-versions/search`, () => HttpResponse.json({})));
    const rt = createRuntime({ ...testDeps(), mlflow: new RestMlflowClient({ trackingUri: 'http://mlflow.test' }) });
    expect((await readStatusSnapshot(rt)).models.size).toBe(0);
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual(['/api/2.0/mlflow/model-versions/search']);
  });
});
