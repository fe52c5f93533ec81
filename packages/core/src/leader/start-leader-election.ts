import { silentLogger, type Logger } from '../observe/logger.js';
import type { Lease, LeasePort } from '../ports/lease-port.js';

/** Time, replaceable in tests. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Options of {@link startLeaderElection}. */
export interface LeaderElectionOptions {
  leases: LeasePort;
  namespace: string;
  /** The Lease's name. */
  name: string;
  /** This replica (the pod name). */
  identity: string;
  /** How long a lease stays valid without renewal. Default 15. */
  leaseDurationSeconds?: number;
  /** How long the leader keeps trying to renew before it gives up leading. Default 10. */
  renewDeadlineSeconds?: number;
  /** Time between attempts. Default 2. */
  retryPeriodSeconds?: number;
  onStartedLeading(): void;
  onStoppedLeading(): void;
  clock?: Clock;
  logger?: Logger;
}

/** A running election. */
export interface LeaderElection {
  isLeader(): boolean;
  /** Stops trying; a leader stops leading and releases the Lease so another replica takes over at once. */
  stop(): Promise<void>;
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref?.()),
};

/** Kubernetes MicroTime: RFC 3339 with six fractional digits. */
const microTime = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/**
 * Leader election on a `coordination.k8s.io/v1` Lease, as client-go does it: take the Lease when it is
 * free or expired, renew it every retry period, and stop leading — at once, calling `onStoppedLeading` —
 * when renewal has failed for the renew deadline or another holder appears. Expiry is judged by when this
 * replica *observed* the holder's last renewal, never by comparing clocks across machines. Writes carry
 * the Lease's `resourceVersion`, so two candidates can never both win.
 *
 * @example
 * ```ts
 * const election = startLeaderElection({ leases, namespace, name: 'mlflow-kserve', identity: podName,
 *   onStartedLeading: () => writer.start(), onStoppedLeading: () => writer.stop() });
 * ```
 */
export function startLeaderElection(options: LeaderElectionOptions): LeaderElection {
  const clock = options.clock ?? realClock;
  const logger = options.logger ?? silentLogger;
  const duration = options.leaseDurationSeconds ?? 15;
  const renewDeadlineMs = (options.renewDeadlineSeconds ?? 10) * 1000;
  const retryMs = (options.retryPeriodSeconds ?? 2) * 1000;
  const { leases, namespace, name, identity } = options;
  let leading = false;
  let stopped = false;
  let lastRenewed = 0;
  let observed: { holder: string | null | undefined; renewTime: string | null | undefined; at: number } | undefined;
  let current: Lease | undefined;
  let lastProblem: string | undefined;
  let interrupt: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => {
    interrupt = resolve;
  });

  const fresh = (now: number): Lease['spec'] => ({ holderIdentity: identity, leaseDurationSeconds: duration, renewTime: microTime(now) });

  /** Whether this replica holds the Lease after the attempt; 'other' when someone else validly does. */
  const attempt = async (): Promise<boolean | 'other'> => {
    const now = clock.now();
    const lease = await leases.get(namespace, name);
    if (!lease) {
      current = await leases.create({
        metadata: { name, namespace },
        spec: { ...fresh(now), acquireTime: microTime(now), leaseTransitions: 0 },
      });
      return true;
    }
    const spec = lease.spec;
    if (!observed || observed.holder !== spec.holderIdentity || observed.renewTime !== spec.renewTime) {
      observed = { holder: spec.holderIdentity, renewTime: spec.renewTime, at: now };
    }
    const heldByOther = Boolean(spec.holderIdentity) && spec.holderIdentity !== identity;
    if (heldByOther && observed.at + (spec.leaseDurationSeconds ?? duration) * 1000 > now) return 'other';
    const ours = spec.holderIdentity === identity;
    current = await leases.replace({
      metadata: lease.metadata,
      spec: {
        ...fresh(now),
        acquireTime: ours ? (spec.acquireTime ?? microTime(now)) : microTime(now),
        leaseTransitions: (spec.leaseTransitions ?? 0) + (ours ? 0 : 1),
      },
    });
    observed = { holder: identity, renewTime: current.spec.renewTime, at: now };
    return true;
  };

  const setLeading = (value: boolean, why: string): void => {
    if (leading === value) return;
    leading = value;
    logger.info({ lease: `${namespace}/${name}`, identity, reason: why }, value ? 'started leading' : 'stopped leading');
    if (value) options.onStartedLeading();
    else options.onStoppedLeading();
  };

  const loop = (async () => {
    while (!stopped) {
      let outcome: boolean | 'other';
      try {
        outcome = await attempt();
      } catch (error) {
        // Said once per distinct problem (RBAC, a missing API…), not every retry period.
        const message = (error as Error).message;
        if (message !== lastProblem)
          logger.warn(
            { lease: `${namespace}/${name}`, error: message },
            'leader election: the Lease could not be read or written; retrying',
          );
        lastProblem = message;
        outcome = false;
      }
      if (stopped) break;
      const now = clock.now();
      if (outcome === true) {
        lastRenewed = now;
        setLeading(true, 'lease acquired');
      } else if (outcome === 'other') {
        setLeading(false, `held by ${observed?.holder ?? 'another replica'}`);
      } else if (leading && now - lastRenewed >= renewDeadlineMs) {
        setLeading(false, 'could not renew the lease in time');
      }
      await Promise.race([clock.sleep(retryMs), stopRequested]);
    }
  })();

  return {
    isLeader: () => leading,
    stop: async () => {
      stopped = true;
      interrupt();
      await loop;
      if (!leading) return;
      setLeading(false, 'stopping');
      if (current) {
        // Release: an empty holder with a 1-second duration lets another replica take over at once.
        await leases
          .replace({ metadata: current.metadata, spec: { ...current.spec, holderIdentity: null, leaseDurationSeconds: 1 } })
          .catch((error: unknown) => logger.warn({ error: (error as Error).message }, 'could not release the lease'));
      }
    },
  };
}
