import type { ModelVersion } from '../ports/mlflow-port.js';

/** What MLflow says now about a key: serve this version, or nothing (and why). */
export type KeyState = { wanted: true; version: ModelVersion } | { wanted: false; reason: string };
