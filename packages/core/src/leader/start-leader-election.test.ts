import { describe, expect, it } from 'vitest';
import type { Lease, LeasePort } from '../ports/lease-port.js';
import { InMemoryLeases } from '../testing/in-memory-leases.js';
import { type Clock, startLeaderElection } from './start-leader-election.js';

/** A clock the test moves by hand; every sleeper wakes in time order. */
class ManualClock implements Clock {
  private t = 1_767_225_600_000;
  private sleepers: { until: number; wake: () => void }[] = [];
  now = (): number => this.t;
  sleep = (ms: number): Promise<void> => new Promise((wake) => this.sleepers.push({ until: this.t + ms, wake }));
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await flush();
      const next = this.sleepers.filter((s) => s.until <= end).sort((a, b) => a.until - b.until)[0];
      if (!next) break;
      this.t = Math.max(this.t, next.until);
      this.sleepers = this.sleepers.filter((s) => s !== next);
      next.wake();
    }
    this.t = end;
    await flush();
  }
}
const flush = async () => {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
};

/** One candidate's view of the shared Leases; `down` makes its calls fail (a partitioned or frozen pod). */
function view(shared: InMemoryLeases): LeasePort & { down: boolean } {
  const v = {
    down: false,
    get: (ns: string, name: string) => (v.down ? Promise.reject(new Error('unreachable')) : shared.get(ns, name)),
    create: (lease: Lease) => (v.down ? Promise.reject(new Error('unreachable')) : shared.create(lease)),
    replace: (lease: Lease) => (v.down ? Promise.reject(new Error('unreachable')) : shared.replace(lease)),
  };
  return v;
}

function candidate(identity: string, leases: LeasePort, clock: ManualClock, log: string[]) {
  return startLeaderElection({
    leases,
    namespace: 'ns',
    name: 'mlflow-kserve',
    identity,
    clock,
    onStartedLeading: () => log.push(`${identity} started (t+${(clock.now() - 1_767_225_600_000) / 1000}s)`),
    onStoppedLeading: () => log.push(`${identity} stopped (t+${(clock.now() - 1_767_225_600_000) / 1000}s)`),
  });
}

describe('startLeaderElection', () => {
  it('two replicas → exactly one leads; the Lease names it, with a MicroTime renewTime', async () => {
    const clock = new ManualClock();
    const shared = new InMemoryLeases();
    const log: string[] = [];
    const a = candidate('pod-a', view(shared), clock, log);
    const b = candidate('pod-b', view(shared), clock, log);
    await clock.advance(10_000);
    expect([a.isLeader(), b.isLeader()].filter(Boolean)).toHaveLength(1);
    const lease = shared.leases.get('ns/mlflow-kserve')!;
    expect(lease.spec.holderIdentity).toBe(a.isLeader() ? 'pod-a' : 'pod-b');
    expect(lease.spec.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(lease.spec.leaseDurationSeconds).toBe(15);
    await a.stop();
    await b.stop();
  });

  it('the leader loses the API server → it stops leading within the renew deadline; the other takes over after the lease expires', async () => {
    const clock = new ManualClock();
    const shared = new InMemoryLeases();
    const log: string[] = [];
    const aView = view(shared);
    const a = candidate('pod-a', aView, clock, log);
    await clock.advance(100);
    const b = candidate('pod-b', view(shared), clock, log);
    await clock.advance(4_000);
    expect(a.isLeader()).toBe(true);
    aView.down = true;
    await clock.advance(11_000);
    expect(a.isLeader()).toBe(false); // gave up at the 10 s renew deadline, before the lease could expire
    expect(b.isLeader()).toBe(false);
    await clock.advance(8_000);
    expect(b.isLeader()).toBe(true); // 15 s after it last saw a renewal, plus one retry period at most
    expect(log).toEqual([
      'pod-a started (t+0s)',
      expect.stringMatching(/^pod-a stopped \(t\+1[0-4]s\)$/),
      expect.stringMatching(/^pod-b started \(t\+(19|2\d)(\.\d+)?s\)$/),
    ]);
    expect(shared.leases.get('ns/mlflow-kserve')!.spec.leaseTransitions).toBe(1);
    await a.stop();
    await b.stop();
  });

  it('the leader stops gracefully → it releases the Lease and the other takes over within one retry period', async () => {
    const clock = new ManualClock();
    const shared = new InMemoryLeases();
    const log: string[] = [];
    const a = candidate('pod-a', view(shared), clock, log);
    await clock.advance(100);
    const b = candidate('pod-b', view(shared), clock, log);
    await clock.advance(3_000);
    const stopping = a.stop();
    await clock.advance(2_000);
    await stopping;
    expect(a.isLeader()).toBe(false);
    await clock.advance(2_100);
    expect(b.isLeader()).toBe(true);
    await b.stop();
  });

  it('another replica holds a valid lease → never leads, and a leader that sees another holder stops at once', async () => {
    const clock = new ManualClock();
    const shared = new InMemoryLeases();
    const log: string[] = [];
    const a = candidate('pod-a', view(shared), clock, log);
    await clock.advance(100);
    expect(a.isLeader()).toBe(true);
    // Someone rewrites the Lease to another holder (an operator, or a split-brain repaired by the API server).
    const lease = shared.leases.get('ns/mlflow-kserve')!;
    await shared.replace({ ...lease, spec: { ...lease.spec, holderIdentity: 'pod-x', renewTime: '2027-01-01T00:00:00.000000Z' } });
    await clock.advance(2_100);
    expect(a.isLeader()).toBe(false);
    expect(log.at(-1)).toMatch(/^pod-a stopped/);
    await a.stop();
  });
});
