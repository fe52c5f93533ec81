import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { reuseConnections } from './reuse-connections.js';

const config = (server: string) => {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: false }],
    users: [{ name: 'u', token: 'secret-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
};

async function agentOf(kc: KubeConfig): Promise<unknown> {
  let agent: unknown;
  const headers: Record<string, string> = {};
  await kc.applySecurityAuthentication({
    setAgent: (a: unknown) => void (agent = a),
    setHeaderParam: (k: string, v: string) => void (headers[k] = v),
  } as never);
  expect(headers['Authorization']).toBe('Bearer secret-token'); // credentials still applied per request
  return agent;
}

describe('reuseConnections', () => {
  it('client-node as it is → a new agent for every request (the problem)', async () => {
    const kc = config('https://127.0.0.1:6443');
    expect(await agentOf(kc)).not.toBe(await agentOf(kc));
  });

  it('with reuseConnections → one keep-alive agent for every request to the same server', async () => {
    const kc = reuseConnections(config('https://127.0.0.1:6443'));
    const first = (await agentOf(kc)) as { keepAlive?: boolean; options?: { keepAlive?: boolean } };
    expect(await agentOf(kc)).toBe(first);
    expect(first.keepAlive ?? first.options?.keepAlive).toBe(true);
  });
});
