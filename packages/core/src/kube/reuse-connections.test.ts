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

/** The agent client-node hands out for one request, as `kubeRequest` and `Watch` get it. */
async function agentOf(kc: KubeConfig): Promise<unknown> {
  const options: { agent?: unknown; headers?: Record<string, string> } = {};
  await kc.applyToHTTPSOptions(options as never);
  expect(options.headers?.['Authorization']).toBe('Bearer secret-token'); // credentials still applied per request
  return options.agent;
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
