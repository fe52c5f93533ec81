import { describe, expect, it } from 'vitest';
import { canaryHealth } from './canary-health.js';
import { type CheckResult, nextRollout, type RolloutInput, type RolloutSpec } from './next-rollout.js';
import { noRollout, type RolloutRecord, readRollout, rolloutAnnotations } from './rollout-record.js';

const spec: RolloutSpec = { steps: [10, 25, 50], stepSeconds: 60, progressDeadlineSeconds: 300, maxFailedChecks: 2 };
const t0 = '2026-12-03T10:00:00.000Z';
const after = (seconds: number) => new Date(Date.parse(t0) + seconds * 1000);
const progressing = (step: number, extra: Partial<RolloutRecord> = {}): RolloutRecord => ({
  ...noRollout,
  phase: 'Progressing',
  from: '3',
  to: '4',
  step,
  startedAt: t0,
  stepStartedAt: t0,
  previous: '3',
  ...extra,
});
const pass: CheckResult[] = [{ name: 'request-success-rate', ok: true, value: 100, reason: 'request-success-rate 100 ≥ min 99' }];
const fail: CheckResult[] = [{ name: 'request-success-rate', ok: false, value: 80, reason: 'request-success-rate 80 < min 99' }];
const decide = (input: Partial<RolloutInput>) =>
  nextRollout({ spec, wanted: '4', served: '4', record: noRollout, now: after(0), ...input });

describe('nextRollout', () => {
  it.each<
    [
      string,
      Partial<RolloutInput>,
      { serve: string; percent: number | undefined; phase: string | undefined; outcome?: string; step?: number },
    ]
  >([
    [
      'first deployment (nothing served) → the version at once',
      { served: undefined },
      { serve: '4', percent: undefined, phase: undefined },
    ],
    ['alias unchanged, stable → nothing to do', { served: '4' }, { serve: '4', percent: undefined, phase: undefined }],
    [
      'alias moved 3 → 4 → the first step, 10 %',
      { served: '3' },
      { serve: '4', percent: 10, phase: 'Progressing', outcome: 'started', step: 0 },
    ],
    [
      'alias moved, no canary configured → switch at once',
      { served: '3', spec: { ...spec, steps: [] } },
      { serve: '4', percent: undefined, phase: undefined },
    ],
    [
      'alias moved back to the version that served before (after a promotion) → at once, no canary',
      { wanted: '3', served: '4', record: { ...noRollout, phase: 'Promoted', previous: '3' } },
      { serve: '3', percent: undefined, phase: 'RolledBack', outcome: 'reverted' },
    ],
    [
      'webhook delivery mid-step (no observations) → the step holds',
      { served: '4', record: progressing(1) },
      { serve: '4', percent: 25, phase: 'Progressing', step: 1 },
    ],
    [
      'a person moves the alias back mid-rollout → all traffic to the previous version at once',
      { wanted: '3', served: '4', record: progressing(1), health: { state: 'ready' } },
      { serve: '3', percent: undefined, phase: 'RolledBack', outcome: 'reverted' },
    ],
    [
      'the alias moves on to a third version mid-rollout → a new rollout from the version still serving',
      { wanted: '5', served: '4', record: progressing(2) },
      { serve: '5', percent: 10, phase: 'Progressing', outcome: 'started', step: 0 },
    ],
    [
      'canary pending within the deadline → hold',
      { record: progressing(0), health: { state: 'pending', reason: 'RevisionMissing' }, now: after(100) },
      { serve: '4', percent: 10, phase: 'Progressing', step: 0 },
    ],
    [
      'canary pending past the deadline → rolled back',
      { record: progressing(0), health: { state: 'pending', reason: 'RevisionMissing' }, now: after(301) },
      { serve: '3', percent: undefined, phase: 'RolledBack', outcome: 'rolled_back' },
    ],
    [
      'canary failed in KServe → rolled back at once',
      { record: progressing(1), health: { state: 'failed', reason: 'ModelLoadFailed' }, now: after(5) },
      { serve: '3', percent: undefined, phase: 'RolledBack', outcome: 'rolled_back' },
    ],
    [
      'ready, window not complete → hold',
      { record: progressing(0), health: { state: 'ready' }, now: after(30) },
      { serve: '4', percent: 10, phase: 'Progressing', step: 0 },
    ],
    [
      'ready, window complete, checks passed → next step',
      { record: progressing(0), health: { state: 'ready' }, checks: pass, now: after(60) },
      { serve: '4', percent: 25, phase: 'Progressing', outcome: 'advanced', step: 1 },
    ],
    [
      'last step passed → promoted: all traffic, no canary',
      { record: progressing(2), health: { state: 'ready' }, checks: pass, now: after(60) },
      { serve: '4', percent: undefined, phase: 'Promoted', outcome: 'promoted' },
    ],
    [
      'checks failed once (max 2) → the step holds for another window',
      { record: progressing(1), health: { state: 'ready' }, checks: fail, now: after(60) },
      { serve: '4', percent: 25, phase: 'Progressing', outcome: 'analysed', step: 1 },
    ],
    [
      'checks failed a second time → rolled back',
      { record: progressing(1, { failedChecks: 1 }), health: { state: 'ready' }, checks: fail, now: after(60) },
      { serve: '3', percent: undefined, phase: 'RolledBack', outcome: 'rolled_back' },
    ],
    [
      'a person aborts (rollout rollback) → rolled back at once',
      { record: progressing(1), command: 'rollback' },
      { serve: '3', percent: undefined, phase: 'RolledBack', outcome: 'rolled_back' },
    ],
    [
      'a person promotes (skip the remaining steps) → promoted',
      { record: progressing(0), command: 'promote' },
      { serve: '4', percent: undefined, phase: 'Promoted', outcome: 'promoted' },
    ],
    [
      'after an automatic rollback, the alias still on the failed version → keep serving the previous one',
      { wanted: '4', served: '3', record: { ...noRollout, phase: 'RolledBack', failedVersion: '4', reason: 'x', previous: '4' } },
      { serve: '3', percent: undefined, phase: 'RolledBack' },
    ],
    [
      'after an automatic rollback, the alias moved to a new version → a new rollout',
      { wanted: '5', served: '3', record: { ...noRollout, phase: 'RolledBack', failedVersion: '4', reason: 'x', previous: '4' } },
      { serve: '5', percent: 10, phase: 'Progressing', outcome: 'started', step: 0 },
    ],
    [
      'after an automatic rollback, the alias moved back to the serving version (rollback_moves_alias) → steady, still RolledBack',
      { wanted: '3', served: '3', record: { ...noRollout, phase: 'RolledBack', failedVersion: '4', reason: 'x', previous: '4' } },
      { serve: '3', percent: undefined, phase: 'RolledBack' },
    ],
  ])('%s', (_name, input, expected) => {
    const decision = decide(input);
    expect({ serve: decision.serve, percent: decision.percent, phase: decision.record.phase }).toEqual({
      serve: expected.serve,
      percent: expected.percent,
      phase: expected.phase,
    });
    if (expected.outcome !== undefined) expect(decision.outcome).toBe(expected.outcome);
    if (expected.step !== undefined) expect(decision.record.step).toBe(expected.step);
  });

  it('window complete without checks run yet → asks for the checks, changes nothing', () => {
    const decision = decide({ record: progressing(0), health: { state: 'ready' }, now: after(61) });
    expect(decision).toMatchObject({ needsChecks: true, percent: 10, record: progressing(0) });
  });

  it('an automatic rollback → records the failed version, the reason (which check, which value), what served before', () => {
    const decision = decide({ record: progressing(1, { failedChecks: 1 }), health: { state: 'ready' }, checks: fail, now: after(60) });
    expect(decision.record).toMatchObject({ phase: 'RolledBack', failedVersion: '4', previous: '4' });
    expect(decision.record.reason).toContain('request-success-rate 80 < min 99');
    expect(decision.record.reason).toContain('25%');
  });

  it('waiting → asks to be converged again: after the rest of the window, or soon while pending', () => {
    expect(decide({ record: progressing(0), health: { state: 'ready' }, now: after(45) }).requeueAfterMs).toBe(15_000);
    expect(decide({ record: progressing(0), health: { state: 'pending', reason: 'x' }, now: after(1) }).requeueAfterMs).toBe(5_000);
    expect(decide({ served: '3' }).requeueAfterMs).toBe(5_000);
    expect(decide({ record: progressing(0), health: { state: 'ready' }, checks: pass, now: after(60) }).requeueAfterMs).toBe(60_000);
    expect(decide({ served: '4' }).requeueAfterMs).toBeUndefined();
  });

  it('a restart in every phase → the record read back from the annotations gives the same decision', () => {
    const phases: RolloutRecord[] = [
      progressing(0),
      progressing(2, { failedChecks: 1, reason: 'request-success-rate 80 < min 99' }),
      { ...noRollout, phase: 'Promoted', previous: '3' },
      { ...noRollout, phase: 'RolledBack', failedVersion: '4', reason: 'x', previous: '4' },
    ];
    for (const record of phases) {
      const restored = readRollout(rolloutAnnotations(record));
      expect(restored).toEqual(record);
      const input = { record, served: '4', health: { state: 'ready' as const }, checks: pass, now: after(60) };
      expect(decide({ ...input, record: restored })).toEqual(decide(input));
    }
  });
});

describe('canaryHealth', () => {
  const isvc = (status: Record<string, unknown>, generation?: number) =>
    ({
      apiVersion: 'v1',
      kind: 'InferenceService',
      metadata: { name: 'n', namespace: 'ns', ...(generation ? { generation } : {}) },
      status,
    }) as never;
  const ready = {
    conditions: [{ type: 'Ready', status: 'True' }],
    components: { predictor: { latestCreatedRevision: 'r2', latestReadyRevision: 'r2' } },
  };

  it.each<[string, Record<string, unknown>, number | undefined, string]>([
    ['latest created revision ready, Ready → ready', ready, undefined, 'ready'],
    ['spec not yet observed (generation 3, observed 2) → pending', { ...ready, observedGeneration: 2 }, 3, 'pending'],
    [
      'latest created not yet ready → pending',
      { ...ready, components: { predictor: { latestCreatedRevision: 'r3', latestReadyRevision: 'r2' } } },
      undefined,
      'pending',
    ],
    ['no revision reported → pending', { conditions: [{ type: 'Ready', status: 'True' }] }, undefined, 'pending'],
    [
      'BlockedByFailedLoad → failed',
      { ...ready, modelStatus: { transitionStatus: 'BlockedByFailedLoad', lastFailureInfo: { reason: 'ModelLoadFailed' } } },
      undefined,
      'failed',
    ],
    [
      'an old lastFailureInfo while up to date → ready',
      { ...ready, modelStatus: { transitionStatus: 'UpToDate', lastFailureInfo: { reason: 'ModelLoadFailed' } } },
      undefined,
      'ready',
    ],
  ])('%s', (_name, status, generation, expected) => {
    expect(canaryHealth(isvc(status, generation)).state).toBe(expected);
  });
});
