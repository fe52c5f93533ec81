import { KubeConfig } from '@kubernetes/client-node';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { recordingMswServer } from '../test-support/recording-msw-server.js';
import { KubeStatusError, kubeRequest } from './kube-request.js';

const { server, seen } = recordingMswServer();

function config(user: { token?: string; username?: string; password?: string }, server = 'https://k8s.test:6443/'): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }],
    users: [{ name: 'u', ...user }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  return kc;
}

describe('kubeRequest', () => {
  it('a POST with a body and query → JSON with its length, the bearer token, undefined parameters left out; answer parsed', async () => {
    server.use(http.post('https://k8s.test:6443/apis/x/v1/things', () => HttpResponse.json({ ok: 1 }, { status: 201 })));
    const answer = await kubeRequest(config({ token: 't-1' }), 'POST', '/apis/x/v1/things', {
      query: { fieldManager: 'm', force: true, continue: undefined },
      body: { a: 'é' },
    });
    expect(answer).toEqual({ ok: 1 });
    const request = seen[0]!;
    expect(new URL(request.url).search).toBe('?fieldManager=m&force=true');
    expect(request.headers.get('authorization')).toBe('Bearer t-1');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(request.headers.get('content-length')).toBe(String(Buffer.byteLength('{"a":"é"}')));
    expect(await request.json()).toEqual({ a: 'é' });
  });

  it('a user with a username and password → basic authorization', async () => {
    server.use(http.get('https://k8s.test:6443/api', () => HttpResponse.json({})));
    await kubeRequest(config({ username: 'admin', password: 'pw' }), 'GET', '/api');
    expect(seen[0]!.headers.get('authorization')).toBe(`Basic ${Buffer.from('admin:pw').toString('base64')}`);
  });

  it('an http:// server with skipTLSVerify → plain HTTP', async () => {
    server.use(http.get('http://k8s.test:8080/api', () => HttpResponse.json({ v: 1 })));
    expect(await kubeRequest(config({ token: 't' }, 'http://k8s.test:8080'), 'GET', '/api')).toEqual({ v: 1 });
  });

  it('a 409 Status → KubeStatusError with the code and the body text', async () => {
    server.use(http.get('https://k8s.test:6443/api', () => HttpResponse.json({ kind: 'Status', reason: 'Conflict' }, { status: 409 })));
    const error = await kubeRequest(config({ token: 't' }), 'GET', '/api').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeStatusError);
    expect((error as KubeStatusError).code).toBe(409);
    expect(JSON.parse((error as KubeStatusError).body)).toMatchObject({ reason: 'Conflict' });
  });

  it('a 200 whose body is not JSON → rejected (never taken as an answer)', async () => {
    server.use(http.get('https://k8s.test:6443/api', () => new HttpResponse('<html>proxy</html>', { status: 200 })));
    await expect(kubeRequest(config({ token: 't' }), 'GET', '/api')).rejects.toThrow(SyntaxError);
  });

  it('an empty 200 → undefined', async () => {
    server.use(http.delete('https://k8s.test:6443/api/x', () => new HttpResponse(null, { status: 200 })));
    expect(await kubeRequest(config({ token: 't' }), 'DELETE', '/api/x')).toBeUndefined();
  });
});
