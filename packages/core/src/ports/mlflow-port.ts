/** A model version as this SDK needs it. */
export interface ModelVersion {
  name: string;
  version: string;
  source: string | undefined;
  runId: string | undefined;
  status: string | undefined;
  tags: Record<string, string>;
  aliases: string[];
  /** The version's description, when the port reads it. */
  description?: string | undefined;
}

/** A run as this SDK needs it. */
export interface RunInfo {
  runId: string;
  experimentId: string;
  artifactUri: string | undefined;
}

/** One page of {@link MlflowPort.searchModelVersions}. */
export interface ModelVersionPage {
  versions: ModelVersion[];
  nextPageToken: string | undefined;
}

/** One page of {@link MlflowPort.searchRegisteredModels}: each model with its aliases (and its tags, when the port reads them). */
export interface RegisteredModelPage {
  models: { name: string; aliases: { alias: string; version: string }[]; tags?: Record<string, string> }[];
  nextPageToken: string | undefined;
}

/**
 * Everything the SDK reads from or writes to a model registry. The REST implementation is in
 * `@mlflow-kserve/core/mlflow`; an in-memory one in `@mlflow-kserve/core/testing`. Another registry can
 * sit behind the same interface. Methods throw `MlflowKserveError` (`mlflow_error`) on failure;
 * "not found" is a value (`null`), not an error — and only MLflow's own "does not exist" may be reported as
 * `null`: deployments are deleted on it.
 *
 * @example
 * ```ts
 * const version = await mlflow.getModelVersion('iris-classifier', '3');
 * if (version?.tags.deploy === 'true') { … }
 * ```
 */
export interface MlflowPort {
  getModelVersion(name: string, version: string): Promise<ModelVersion | null>;
  /** Where the version's files are (the server's storage location, else `source`). */
  getDownloadUri(name: string, version: string): Promise<string | null>;
  getRun(runId: string): Promise<RunInfo | null>;
  /** The version an alias points to; `null` when the alias or the model does not exist. */
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion | null>;
  /** Registered models with their aliases, one page (reconcile of alias deployments). */
  searchRegisteredModels(options?: { pageToken?: string | undefined; maxResults?: number }): Promise<RegisteredModelPage>;
  /** MLflow's search filter syntax, e.g. `tags.\`deploy\` ILIKE '%true%'`. */
  searchModelVersions(options: { filter: string; pageToken?: string | undefined; maxResults?: number }): Promise<ModelVersionPage>;
  setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void>;
  deleteModelVersionTag(name: string, version: string, key: string): Promise<void>;
  /** A registered model's tags; `null` when it does not exist. */
  getRegisteredModelTags(name: string): Promise<Record<string, string> | null>;
  /** A registered model's tags and description in one read; `null` when it does not exist. Optional: without it the description is not read. */
  getRegisteredModel?(name: string): Promise<{ tags: Record<string, string>; description: string | undefined } | null>;
  setRegisteredModelTag(name: string, key: string, value: string): Promise<void>;
  /** Points `alias` of model `name` at `version` (moving it off any other version), as MLflow's set-alias does. */
  setModelVersionAlias(name: string, alias: string, version: string): Promise<void>;
  deleteRegisteredModelTag(name: string, key: string): Promise<void>;
  /**
   * One file of a registered version's artifacts as text (MLflow's `/model-versions/get-artifact`, e.g. `MLmodel`);
   * `null` only when MLflow says it does not exist. Optional: without it (an event-fed registry) the preflight
   * cannot read `MLmodel` and is skipped.
   */
  getModelVersionArtifact?(name: string, version: string, path: string): Promise<string | null>;
  /** Cheap connectivity check; throws when MLflow cannot be reached. */
  ping(): Promise<void>;
}
