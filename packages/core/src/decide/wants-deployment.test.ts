import { describe, expect, it } from 'vitest';
import { defaultDeployPolicy } from './deploy-policy.js';
import { wantsDeployment } from './wants-deployment.js';

describe('wantsDeployment', () => {
  it.each([
    ['deploy=true, READY', { tags: { deploy: 'true' }, status: 'READY' }, true],
    ['deploy=True, status unknown', { tags: { deploy: 'True' }, status: undefined }, true],
    ['deploy=true, PENDING_REGISTRATION', { tags: { deploy: 'true' }, status: 'PENDING_REGISTRATION' }, true],
    ['deploy=true, FAILED_REGISTRATION', { tags: { deploy: 'true' }, status: 'FAILED_REGISTRATION' }, false],
    ['deploy=false, READY', { tags: { deploy: 'false' }, status: 'READY' }, false],
    ['no tags', { tags: {}, status: 'READY' }, false],
    ['version gone (null)', null, false],
  ] as const)('%s → %s', (_name, version, expected) => {
    expect(wantsDeployment(version, defaultDeployPolicy)).toBe(expected);
  });
});
