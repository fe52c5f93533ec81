import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './world.js';

const cache = process.env['MLFLOW_KSERVE_E2E_CACHE'] ?? join(process.env['HOME'] ?? '/root', '.cache', 'mlflow-kserve-e2e');

/** What `log-real-models.py` logs: see its docstring. */
export type RealModelKind = 'sklearn' | 'sklearn-pickle' | 'pyfunc' | 'no-mlmodel';

/**
 * Logs and registers real models in the MLflow at `trackingUri` with MLflow's own Python client (the e2e venv's
 * MLflow and scikit-learn), so that the registry holds what a data scientist's `log_model` leaves: an `MLmodel`
 * and the model's files in MLflow's artifact store. One Python process for all (its imports take seconds).
 */
export async function logRealModels(
  trackingUri: string,
  specs: { name: string; kind: RealModelKind }[],
): Promise<Record<string, { version: string; source: string }>> {
  const { stdout } = await promisify(execFile)(
    join(cache, 'mlflow-venv', 'bin', 'python'),
    [join(repoRoot, 'e2e', 'harness', 'log-real-models.py'), JSON.stringify(specs)],
    { env: { ...process.env, MLFLOW_TRACKING_URI: trackingUri, PYTHONWARNINGS: 'ignore' }, timeout: 180_000, maxBuffer: 10 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, { version: string; source: string }>;
}

/**
 * Plays KServe's sklearnserver on a folder (`kserve-sklearn-loader.py`): which model files it would see, and, when it
 * sees exactly one, the predictions of the model it loads with joblib.
 */
export async function loadLikeKserveSklearn(folder: string): Promise<{ files: string[]; predictions?: number[]; error?: string }> {
  const { stdout } = await promisify(execFile)(
    join(cache, 'mlflow-venv', 'bin', 'python'),
    [join(repoRoot, 'e2e', 'harness', 'kserve-sklearn-loader.py'), folder],
    { env: { ...process.env, PYTHONWARNINGS: 'ignore' }, timeout: 120_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { files: string[]; predictions?: number[]; error?: string };
}
