import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The answer of one tool run. */
export interface ToolRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The tools scripts/ops/provision.sh builds. */
export type OpsTool = 'helm' | 'promtool' | 'kustomize';

function binary(name: OpsTool): string {
  const dir = process.env['MLFLOW_KSERVE_OPS_BIN'];
  if (!dir) throw new Error(`MLFLOW_KSERVE_OPS_BIN is not set: run these tests with "npm run test:ops", which provisions ${name}.`);
  return `${dir}/${name}`;
}

/**
 * Runs helm, promtool or kustomize (provisioned by scripts/ops/provision.sh) in the repository root.
 *
 * @example
 * ```ts
 * tool('helm', ['lint', 'charts/mlflow-kserve']).status; // 0
 * ```
 */
export function tool(name: OpsTool, args: string[], cwd = repoRoot): ToolRun {
  const run = spawnSync(binary(name), args, { cwd, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A rendered Kubernetes object. */
export type K8sObject = Record<string, any>;

/**
 * `helm template mlflow-kserve charts/mlflow-kserve -n mlflow` with extra arguments, as objects; throws with
 * helm's message when it refuses.
 *
 * @example
 * ```ts
 * const objects = helmTemplate(['-f', 'charts/mlflow-kserve/ci/full-values.yaml']);
 * ```
 */
export function helmTemplate(args: string[] = [], options: { image?: boolean } = {}): K8sObject[] {
  // `image.repository` is required; the kustomize manifests name the locally built image, so tests do too.
  // A values file, not --set (which would win over a later -f), so a test's own values can name another.
  const image = options.image === false ? [] : ['-f', localImageValues()];
  const run = tool('helm', ['template', 'mlflow-kserve', 'charts/mlflow-kserve', '--namespace', 'mlflow', ...image, ...args]);
  if (run.status !== 0) throw new Error(run.stderr.trim());
  return parseAllDocuments(run.stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

/** A values file naming the locally built image (`mlflow-kserve`), as `k8s/deployment.yaml` does. */
export function localImageValues(): string {
  const file = join(tmpdir(), 'mlflow-kserve-chart-local-image.yaml');
  writeFileSync(file, 'image:\n  repository: mlflow-kserve\n');
  return file;
}
