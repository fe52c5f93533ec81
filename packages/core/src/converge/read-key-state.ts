import type { ModelVersion } from '../ports/mlflow-port.js';
import type { Runtime } from '../runtime/runtime.js';
import type { DeploymentKey } from './deployment-key.js';
import { kindOf } from './key-kinds/kind-of.js';

/** What an event said, used only where MLflow is not configured (development) or for storage hints. */
export interface EventHints {
  /** What the event asks for; decides alone only when MLflow is not configured. */
  intent?: 'apply' | 'delete' | 'refresh' | undefined;
  /** The version an alias event named. */
  version?: string | undefined;
  runId?: string | undefined;
  experimentId?: string | undefined;
  source?: string | undefined;
}

/** What MLflow says now about a key: serve this version, or nothing (and why). */
export type KeyState =
  | { wanted: true; version: ModelVersion; decidedBy: 'mlflow' | 'event' }
  | { wanted: false; reason: string; decidedBy: 'mlflow' | 'event' };

const unwanted = (reason: string, decidedBy: 'mlflow' | 'event' = 'mlflow'): KeyState => ({ wanted: false, reason, decidedBy });

/**
 * Reads MLflow's current state for a key, through the key's kind. Only MLflow's own "does not exist" (a
 * `null` from the port) means absent; any failure throws and nothing is written. A version is wanted when
 * its deploy tag is true and its registration did not fail; an alias when it is configured and exists (a
 * failed version behind it is an error that keeps the running service). Without MLflow (development), the
 * event decides.
 *
 * @throws MlflowKserveError `mlflow_error` when MLflow cannot be read; `storage_uri_unusable` for an alias on a failed version.
 * @example
 * ```ts
 * const state = await readKeyState(runtime, versionKey('iris', '3'));
 * if (state.wanted) console.log(state.version.source);
 * ```
 */
export async function readKeyState(rt: Runtime, key: DeploymentKey, hints: EventHints = {}): Promise<KeyState> {
  const mlflow = rt.mlflow;
  if (!mlflow) {
    if (hints.intent !== 'apply') return unwanted('the event asks for removal (MLflow is not configured)', 'event');
    const version = hints.version ?? ('version' in key ? key.version : undefined);
    if (version === undefined) return unwanted('the event names no version (MLflow is not configured)', 'event');
    return {
      wanted: true,
      decidedBy: 'event',
      version: { name: key.model, version, source: hints.source, runId: hints.runId, status: undefined, tags: {}, aliases: [] },
    };
  }
  return kindOf(key).read(rt, key);
}
