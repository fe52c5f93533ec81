import { describe, expect, it, vi } from 'vitest';
import { createRuntime } from '../runtime/runtime.js';
import { testDeps } from '../testing/test-deps.js';
import { scheduleReconcile } from './schedule-reconcile.js';

describe('scheduleReconcile', () => {
  it('interval ticks while a reconcile is still running → skipped; never two at once', async () => {
    vi.useFakeTimers();
    try {
      const deps = testDeps({ reconcile_interval_seconds: 1 });
      let running = 0;
      let most = 0;
      let runs = 0;
      const search = deps.mlflow.searchModelVersions.bind(deps.mlflow);
      deps.mlflow.searchModelVersions = async (options) => {
        running += 1;
        runs += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 3500)); // slower than the interval
        running -= 1;
        return search(options);
      };
      const schedule = scheduleReconcile(createRuntime(deps));
      await vi.advanceTimersByTimeAsync(10_000);
      schedule.stop();
      await vi.advanceTimersByTimeAsync(5_000);
      expect(most).toBe(1);
      expect(runs).toBeGreaterThanOrEqual(2);
      expect(runs).toBeLessThanOrEqual(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('runNow while one runs → resolves undefined at once; a failing reconcile → logged, not thrown', async () => {
    const deps = testDeps();
    const errors: string[] = [];
    const runtime = createRuntime({ ...deps, logger: { debug() {}, info() {}, warn() {}, error: (_f, m) => errors.push(m) } });
    deps.mlflow.failNext('searchModelVersions', 10);
    const schedule = scheduleReconcile(runtime);
    const first = schedule.runNow();
    expect(await schedule.runNow()).toBeUndefined();
    expect(await first).toBeUndefined();
    expect(errors).toContain('reconcile failed');
    schedule.stop();
  });
});
