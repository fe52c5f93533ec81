import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { parseQuantity } from './quantity.js';
import { resolveOverrides } from './resolve-overrides.js';

const bounds = loadConfig(
  {},
  {
    mlflow_webhook_secret: 's',
    overrides_allowed:
      'runtime,model_format,protocol_version,min_replicas,max_replicas,cpu_request,cpu_limit,memory_request,memory_limit,gpu_count,canary_traffic_percent',
    override_max_replicas: 5,
    override_max_cpu: '4',
    override_max_memory: '8Gi',
    override_max_gpus: 1,
    override_allowed_runtimes: 'kserve-mlserver,kserve-sklearnserver',
  },
);

describe('resolveOverrides', () => {
  it('model tags and version tags → merged, the version winning', () => {
    expect(
      resolveOverrides({ 'kserve.max_replicas': '3', 'kserve.cpu_limit': '2' }, { 'kserve.cpu_limit': '1', other: 'x' }, bounds),
    ).toEqual({
      ok: true,
      overrides: { max_replicas: '3', cpu_limit: '1' },
    });
  });

  it.each([
    [
      { 'kserve.max_replicas': '6' },
      'tag kserve.max_replicas="6" must be a whole number from 0 to 5 (MLFLOW_KSERVE_OVERRIDE_MAX_REPLICAS)',
    ],
    [{ 'kserve.max_replicas': 'two' }, 'tag kserve.max_replicas="two" must be a whole number'],
    [{ 'kserve.cpu_limit': '4500m' }, 'tag kserve.cpu_limit="4500m" exceeds 4 CPUs (MLFLOW_KSERVE_OVERRIDE_MAX_CPU)'],
    [{ 'kserve.memory_limit': '16Gi' }, 'exceeds 8Gi (MLFLOW_KSERVE_OVERRIDE_MAX_MEMORY)'],
    [{ 'kserve.memory_request': 'lots' }, 'must be a Kubernetes quantity'],
    [{ 'kserve.gpu_count': '2' }, 'from 0 to 1 (MLFLOW_KSERVE_OVERRIDE_MAX_GPUS)'],
    [
      { 'kserve.runtime': 'kserve-tritonserver' },
      'is not an allowed runtime (kserve-mlserver, kserve-sklearnserver; MLFLOW_KSERVE_OVERRIDE_ALLOWED_RUNTIMES)',
    ],
    [{ 'kserve.protocol_version': 'v3' }, 'must be v1, v2 or grpc-v2'],
    [{ 'kserve.canary_traffic_percent': '100' }, 'from 1 to 99'],
    [{ 'kserve.min_replicas': '4', 'kserve.max_replicas': '2' }, 'tag kserve.min_replicas=4 is more than kserve.max_replicas=2'],
    [{ 'kserve.cpu_request': '2', 'kserve.cpu_limit': '1' }, 'tag kserve.cpu_request=2 is more than tag kserve.cpu_limit=1'],
    [
      { 'kserve.cpu_request': '2' },
      'tag kserve.cpu_request=2 is more than the default limit 1 (MLFLOW_KSERVE_PREDICTOR_CPU_LIMIT): Kubernetes refuses a request above its limit',
    ],
    [
      { 'kserve.memory_request': '4Gi' },
      'tag kserve.memory_request=4Gi is more than the default limit 2Gi (MLFLOW_KSERVE_PREDICTOR_MEMORY_LIMIT)',
    ],
    [
      { 'kserve.memory_limit': '256Mi' },
      'the default request 512Mi (MLFLOW_KSERVE_PREDICTOR_MEMORY_REQUEST) is more than tag kserve.memory_limit=256Mi',
    ],
  ])('%j → rejected: %s', (tags, problem) => {
    const result = resolveOverrides({}, tags, bounds);
    expect(result.ok).toBe(false);
    expect((result as { problems: string[] }).problems.join('\n')).toContain(problem);
  });

  it('requests within the limit in effect (tag or default) → accepted', () => {
    expect(resolveOverrides({}, { 'kserve.cpu_request': '1', 'kserve.memory_limit': '512Mi' }, bounds).ok).toBe(true);
    expect(resolveOverrides({ 'kserve.cpu_request': '3' }, { 'kserve.cpu_limit': '4' }, bounds).ok).toBe(true);
  });

  it('a tag the operator does not allow → rejected naming the setting', () => {
    const few = { ...bounds, overrides_allowed: ['max_replicas' as const] };
    const result = resolveOverrides({}, { 'kserve.runtime': 'x' }, few);
    expect(result).toEqual({
      ok: false,
      problems: ['tag kserve.runtime is not allowed here (the operator allows: max_replicas; MLFLOW_KSERVE_OVERRIDES_ALLOWED)'],
    });
  });

  it('no override tags → nothing to override', () => {
    expect(resolveOverrides({}, { deploy: 'true' }, bounds)).toEqual({ ok: true, overrides: {} });
  });
});

describe('parseQuantity', () => {
  it.each([
    ['500m', 0.5],
    ['2', 2],
    ['512Mi', 512 * 2 ** 20],
    ['1G', 1e9],
    ['lots', undefined],
  ])('%s → %s', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });
});
