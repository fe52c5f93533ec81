/** Where a rollout stands, as recorded on its InferenceService (annotations): the only state it has. */
export interface RolloutRecord {
  /** `Progressing`: a canary is being analysed; `Promoted`: the last one finished; `RolledBack`: it was undone. */
  phase: 'Progressing' | 'Promoted' | 'RolledBack' | undefined;
  /** The version that serves the rest of the traffic during a canary. */
  from: string | undefined;
  /** The canary version. */
  to: string | undefined;
  /** Index of the current step in the rollout's steps. */
  step: number;
  /** ISO times: when the rollout started, when the current step (or its analysis window) started. */
  startedAt: string | undefined;
  stepStartedAt: string | undefined;
  /** Failed analyses so far in this rollout. */
  failedChecks: number;
  /** After an automatic rollback: the version that failed (not retried while the alias points to it). */
  failedVersion: string | undefined;
  /** Why the last rollback (or the last failed analysis) happened. */
  reason: string | undefined;
  /** The version that served before the current one: moving the alias back to it is a rollback, at once. */
  previous: string | undefined;
}

const prefix = 'mlflow-kserve.io/rollout-';

/** The annotation of each field (every one is always written, empty when unset, so a change is seen). */
export const RolloutAnnotations = {
  phase: `${prefix}phase`,
  from: `${prefix}from`,
  to: `${prefix}to`,
  step: `${prefix}step`,
  startedAt: `${prefix}started-at`,
  stepStartedAt: `${prefix}step-started-at`,
  failedChecks: `${prefix}failed-checks`,
  failedVersion: `${prefix}failed-version`,
  reason: `${prefix}reason`,
  previous: `${prefix}previous`,
} as const satisfies Record<keyof RolloutRecord, string>;

/** No rollout has happened. */
export const noRollout: RolloutRecord = {
  phase: undefined,
  from: undefined,
  to: undefined,
  step: 0,
  startedAt: undefined,
  stepStartedAt: undefined,
  failedChecks: 0,
  failedVersion: undefined,
  reason: undefined,
  previous: undefined,
};

const text = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);
const count = (value: string | undefined): number => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
};

/**
 * The rollout recorded by an InferenceService's annotations (`noRollout` when none); anything malformed reads
 * as unset, never as a reason to write.
 *
 * @example
 * ```ts
 * readRollout(isvc.metadata.annotations ?? {}); // { phase: 'Progressing', from: '3', to: '4', step: 1, … }
 * ```
 */
export function readRollout(annotations: Record<string, string>): RolloutRecord {
  const phase = annotations[RolloutAnnotations.phase];
  return {
    phase: phase === 'Progressing' || phase === 'Promoted' || phase === 'RolledBack' ? phase : undefined,
    from: text(annotations[RolloutAnnotations.from]),
    to: text(annotations[RolloutAnnotations.to]),
    step: count(annotations[RolloutAnnotations.step]),
    startedAt: text(annotations[RolloutAnnotations.startedAt]),
    stepStartedAt: text(annotations[RolloutAnnotations.stepStartedAt]),
    failedChecks: count(annotations[RolloutAnnotations.failedChecks]),
    failedVersion: text(annotations[RolloutAnnotations.failedVersion]),
    reason: text(annotations[RolloutAnnotations.reason]),
    previous: text(annotations[RolloutAnnotations.previous]),
  };
}

/**
 * The annotations that record `record` (every field, empty when unset).
 *
 * @example
 * ```ts
 * rolloutAnnotations({ ...noRollout, phase: 'Promoted', previous: '3' });
 * ```
 */
export function rolloutAnnotations(record: RolloutRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, name] of Object.entries(RolloutAnnotations) as [keyof RolloutRecord, string][]) {
    const value = record[field];
    out[name] = value === undefined ? '' : String(value);
  }
  return out;
}

/**
 * How MLflow shows a rollout (`kserve.<alias>.rollout`): `Progressing 25%`, `Promoted`, `RolledBack: <reason>`;
 * `undefined` when there has been none.
 *
 * @example
 * ```ts
 * describeRollout(record, [10, 25, 50]); // 'Progressing 25%'
 * ```
 */
export function describeRollout(record: RolloutRecord, percent: number | undefined): string | undefined {
  if (record.phase === 'Progressing') return `Progressing ${percent ?? '?'}%`;
  if (record.phase === 'RolledBack') return `RolledBack: ${record.reason ?? 'no reason recorded'}`;
  return record.phase;
}
