import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pyfuncMlmodel } from '@mlflow-kserve/core/testing';

/** An in-process MLflow REST server with `count` versions tagged deploy=true, counting calls per path. */
export interface FakeMlflow {
  url: string;
  calls: Map<string, number>;
  setTag(model: string, version: string, value: string | undefined): void;
  close(): Promise<void>;
}

export async function startFakeMlflow(count: number, models = 100): Promise<FakeMlflow> {
  const versions = Array.from({ length: count }, (_, i) => ({
    name: `model-${i % models}`,
    version: String(Math.floor(i / models) + 1),
    source: `s3://bench-bucket/model-${i % models}/${Math.floor(i / models) + 1}`,
    status: 'READY',
    tags: [{ key: 'deploy', value: 'true' }],
    aliases: [] as string[],
  }));
  const byKey = new Map(versions.map((v) => [`${v.name}/${v.version}`, v]));
  const calls = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace('/api/2.0/mlflow/', '');
    calls.set(path, (calls.get(path) ?? 0) + 1);
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (path === 'model-versions/get') {
      const v = byKey.get(`${url.searchParams.get('name')}/${url.searchParams.get('version')}`);
      return v ? json(200, { model_version: v }) : json(404, { error_code: 'RESOURCE_DOES_NOT_EXIST' });
    }
    if (path === '/model-versions/get-artifact') {
      // Every version is a model saved with mlflow.pyfunc (what the preflight reads).
      const v = byKey.get(`${url.searchParams.get('name')}/${url.searchParams.get('version')}`);
      if (!v || url.searchParams.get('path') !== 'MLmodel') return json(404, { error_code: 'RESOURCE_DOES_NOT_EXIST' });
      return res.writeHead(200, { 'content-type': 'text/plain' }).end(pyfuncMlmodel);
    }
    if (path === 'model-versions/search') {
      const max = Number(url.searchParams.get('max_results') ?? 1000);
      const start = Number(url.searchParams.get('page_token') ?? 0);
      const matching = versions.filter((v) => v.tags.some((t) => t.key === 'deploy' && t.value.toLowerCase().includes('true')));
      const page = matching.slice(start, start + Math.min(max, 1000));
      return json(200, {
        model_versions: page,
        ...(start + page.length < matching.length ? { next_page_token: String(start + page.length) } : {}),
      });
    }
    if (path === 'registered-models/search') return json(200, {});
    return json(404, { error_code: 'ENDPOINT_NOT_FOUND' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    setTag(model, version, value) {
      const v = byKey.get(`${model}/${version}`);
      if (v) v.tags = value === undefined ? [] : [{ key: 'deploy', value }];
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
