import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A minimal Kubernetes API server over plain HTTP for `serve` benchmarks: discovery, lists, open watches, Leases, InferenceServices. */
export interface FakeKube {
  url: string;
  /** A kubeconfig (YAML text) pointing at it. */
  kubeconfig: string;
  close(): Promise<void>;
}

/**
 * Answers what a `serve` with a cluster target asks at startup and while idle: the serving.kserve.io discovery
 * (readiness), InferenceService lists and watches (held open), and the leader-election Lease; and what one
 * deploy does: read, create (POST) or apply (PATCH) and delete an InferenceService, kept in memory.
 */
export async function startFakeKube(): Promise<FakeKube> {
  const leases = new Map<string, Record<string, any>>();
  const services = new Map<string, Record<string, any>>();
  let version = 1;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (url.pathname === '/apis/serving.kserve.io/v1beta1') {
        return json(200, {
          kind: 'APIResourceList',
          groupVersion: 'serving.kserve.io/v1beta1',
          resources: [{ name: 'inferenceservices', namespaced: true, kind: 'InferenceService', verbs: ['get', 'list', 'watch'] }],
        });
      }
      if (req.method === 'GET' && url.pathname.endsWith('/inferenceservices')) {
        if (url.searchParams.get('watch') === 'true') return void res.writeHead(200, { 'content-type': 'application/json' }); // held open
        return json(200, {
          apiVersion: 'serving.kserve.io/v1beta1',
          kind: 'InferenceServiceList',
          metadata: { resourceVersion: String(version) },
          items: [...services.values()],
        });
      }
      const service = /\/apis\/serving\.kserve\.io\/v1beta1\/namespaces\/([^/]+)\/inferenceservices\/([^/]+)$/.exec(url.pathname);
      if (service) {
        const key = `${service[1]}/${service[2]}`;
        if (req.method === 'GET')
          return services.has(key) ? json(200, services.get(key)) : json(404, { kind: 'Status', code: 404, reason: 'NotFound' });
        if (req.method === 'DELETE') {
          services.delete(key);
          return json(200, { kind: 'Status', status: 'Success' });
        }
        version += 1;
        const object = JSON.parse(body || '{}');
        object.metadata = { ...object.metadata, namespace: service[1], resourceVersion: String(version) };
        services.set(key, object);
        return json(200, object);
      }
      const created = /\/apis\/serving\.kserve\.io\/v1beta1\/namespaces\/([^/]+)\/inferenceservices$/.exec(url.pathname);
      if (created && req.method === 'POST') {
        version += 1;
        const object = JSON.parse(body || '{}');
        object.metadata = { ...object.metadata, namespace: created[1], resourceVersion: String(version) };
        services.set(`${created[1]}/${object.metadata.name}`, object);
        return json(201, object);
      }
      const lease = /\/apis\/coordination\.k8s\.io\/v1\/namespaces\/([^/]+)\/leases(?:\/([^/]+))?$/.exec(url.pathname);
      if (lease) {
        const key = `${lease[1]}/${lease[2] ?? ''}`;
        if (req.method === 'GET')
          return leases.has(key) ? json(200, leases.get(key)) : json(404, { kind: 'Status', code: 404, reason: 'NotFound' });
        const object = JSON.parse(body || '{}');
        version += 1;
        object.metadata = { ...object.metadata, namespace: lease[1], resourceVersion: String(version) };
        leases.set(`${lease[1]}/${object.metadata.name}`, object);
        return json(req.method === 'POST' ? 201 : 200, object);
      }
      return json(404, { kind: 'Status', code: 404, reason: 'NotFound' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: bench, cluster: {server: "' + url + '", insecure-skip-tls-verify: true}}]',
    'users: [{name: bench, user: {token: bench-token}}]',
    'contexts: [{name: bench, context: {cluster: bench, user: bench}}]',
    'current-context: bench',
    '',
  ].join('\n');
  return {
    url,
    kubeconfig,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
