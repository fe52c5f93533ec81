import { createJsonLogger } from '@mlflow-kserve/core/assemble';
import { testDeps } from '@mlflow-kserve/core/testing';
import { describe, expect, it } from 'vitest';
import { createScheduledHandler } from './create-scheduled-handler.js';

const quiet = createJsonLogger('ERROR', () => undefined);

function world(settings: Record<string, string> = {}) {
  const deps = testDeps({ status_writeback: 'true', ...settings });
  deps.mlflow.versions.get('iris-classifier/3')!.tags['deploy'] = 'true';
  return deps;
}

describe('createScheduledHandler', () => {
  it('one scheduled run → the tagged version deployed by the reconcile, its status written; the next run → nothing to do', async () => {
    const deps = world();
    const handler = createScheduledHandler({ config: deps.config, kube: deps.kube, mlflow: deps.mlflow, logger: quiet });
    const first = await handler({ source: 'aws.events' });
    expect(first.reconcile).toMatchObject({ failed: 0, blocked: undefined });
    expect(first.reconcile?.counts['create']).toBe(1);
    expect(first.status).toMatchObject({ services: 1, failed: 0 });
    expect(deps.kube.objects.size).toBe(1);
    expect(deps.mlflow.versions.get('iris-classifier/3')!.tags['kserve.status']).toBe('Pending');
    const second = await handler();
    expect(second.reconcile?.counts['unchanged']).toBe(1);
    expect(second.status?.written).toBe(0);
  });

  it('tasks: [status] → no reconcile', async () => {
    const deps = world();
    const handler = createScheduledHandler({ config: deps.config, kube: deps.kube, mlflow: deps.mlflow, logger: quiet, tasks: ['status'] });
    expect(await handler()).toEqual({ status: { services: 0, written: 0, failed: 0 } });
    expect(deps.kube.objects.size).toBe(0);
  });

  it('a directory target (status write-back on) → the files written and Rendered; the status task skipped, Rendered kept', async () => {
    const deps = world({ kube_target: 'dir:/tmp/unused-by-this-test' });
    const handler = createScheduledHandler({ config: deps.config, kube: deps.kube, mlflow: deps.mlflow, logger: quiet });
    const result = await handler();
    expect(result.reconcile?.counts['create']).toBe(1);
    expect(result.status).toBeUndefined();
    expect(deps.mlflow.versions.get('iris-classifier/3')!.tags['kserve.status']).toBe('Rendered');
  });

  it('MLflow failing during the reconcile → the invocation fails (the schedule retries), nothing written', async () => {
    const deps = world();
    deps.mlflow.failNext('searchModelVersions', 5);
    const handler = createScheduledHandler({ config: deps.config, kube: deps.kube, mlflow: deps.mlflow, logger: quiet });
    await expect(handler()).rejects.toThrow(/MLflow/);
    expect(deps.kube.objects.size).toBe(0);
  });

  it('a wrong configuration → fails naming the setting; the next invocation tries again', async () => {
    const handler = createScheduledHandler({
      env: { MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 's', MLFLOW_KSERVE_KUBE_TARGET: 'dir:/tmp/x' },
      logger: quiet,
    });
    await expect(handler()).rejects.toThrow('MLFLOW_KSERVE_MLFLOW_TRACKING_URI');
    await expect(handler()).rejects.toThrow('MLFLOW_KSERVE_MLFLOW_TRACKING_URI');
  });
});
