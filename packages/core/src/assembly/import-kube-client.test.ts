import { describe, expect, it } from 'vitest';
import { importKubeClient } from './import-kube-client.js';

describe('importKubeClient', () => {
  it('@kubernetes/client-node not installed → config_invalid saying what to install', async () => {
    const missing = Object.assign(new Error("Cannot find package '@kubernetes/client-node' imported from /x/dist/kube.js"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    await expect(importKubeClient(() => Promise.reject(missing))).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining('npm install @kubernetes/client-node@~1.4'),
    });
  });

  it('installed → the module', async () => {
    expect(typeof (await importKubeClient()).createKubeClient).toBe('function');
  });
});
