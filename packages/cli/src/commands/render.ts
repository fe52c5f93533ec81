import { aliasKey, loadTemplate, MlflowKserveError, type ModelVersion, versionKey } from '@mlflow-kserve/core';
import { desiredManifest, EventFedMlflow, preflightProblems, toYaml } from '@mlflow-kserve/core/operations';
import type { CliIo, ExitCode } from '../cli-io.js';
import { commandRuntime } from '../command-runtime.js';
import type { TargetOptions } from '../load-cli-config.js';

/** Options of `mlflow-kserve render`. */
export interface RenderOptions extends TargetOptions {
  model: string;
  version?: string;
  alias?: string;
  storageUri?: string;
  runId?: string;
  experimentId?: string;
  fromMlflow?: boolean;
  template?: string;
  output?: string;
}

const usage = (message: string) => new MlflowKserveError('bad_request', message, { retryable: false });

/**
 * `render`: prints exactly the InferenceService the listener would apply — same name, storage resolution
 * (`mlflow-artifacts:/` mapped onto `MLFLOW_KSERVE_STORAGE_URI_BASE`, unusable URIs refused), template,
 * ownership label and annotations — for given values, or for a version (or alias) read from MLflow. Needs
 * no Kubernetes configuration. With `--from-mlflow` and the preflight on, what it would refuse in the version's
 * `MLmodel` is printed on stderr (`preflight: …`) and the exit code is 1; the manifest is printed all the same.
 *
 * @example
 * ```ts
 * await render({ model: 'iris', version: '3', storageUri: 's3://b/iris' }, io);
 * ```
 */
export async function render(options: RenderOptions, io: CliIo): Promise<ExitCode> {
  if (!options.version && !(options.alias && options.fromMlflow)) throw usage('render needs --version (or --alias with --from-mlflow).');
  if (!options.fromMlflow && !options.storageUri)
    throw usage('render needs --storage-uri, or --from-mlflow to read the version from MLflow.');
  const key = options.alias ? aliasKey(options.model, options.alias.replace(/^@/, '')) : versionKey(options.model, options.version!);
  const template = options.template === undefined ? undefined : loadTemplate(options.template);
  const given = options.fromMlflow ? undefined : new EventFedMlflow();
  const runtime = await commandRuntime(io, options, 'render --from-mlflow', { mlflow: given ?? 'required', kube: false }, template);
  let version: ModelVersion | null;
  if (given) {
    // What the flags say is all there is to know: told to a registry that knows only that.
    given.record({
      type: 'model_version.created',
      model: options.model,
      version: options.version!,
      source: options.storageUri,
      runId: options.runId,
      tags: {},
      timestamp: undefined,
      workspace: undefined,
    });
    if (options.runId && options.experimentId)
      given.recordRun({ runId: options.runId, experimentId: options.experimentId, artifactUri: undefined });
    version = await given.getModelVersion(options.model, options.version!);
  } else {
    const mlflow = runtime.mlflow;
    version =
      options.alias && !options.version
        ? await mlflow.getModelVersionByAlias(options.model, options.alias.replace(/^@/, ''))
        : await mlflow.getModelVersion(options.model, options.version!);
    if (!version) {
      io.stderr(
        `${options.alias && !options.version ? `Alias ${options.model}@${options.alias}` : `Model version ${options.model} ${options.version}`} does not exist in MLflow.\n`,
      );
      return 1;
    }
  }
  const { manifest: object, mlmodel } = await desiredManifest(runtime, key, version!);
  io.stdout(options.output === 'json' ? `${JSON.stringify(object, null, 2)}\n` : toYaml(object));
  // With --from-mlflow the version's MLmodel was read: what the preflight would refuse (the cluster's runtimes are
  // not consulted here; render needs no Kubernetes).
  const problems = mlmodel === undefined ? [] : preflightProblems({ manifest: object, mlmodel });
  for (const problem of problems) io.stderr(`preflight: ${problem.message} (${problem.reason})\n`);
  return problems.length > 0 ? 1 : 0;
}
