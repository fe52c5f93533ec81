import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { RegistryEvent } from '../events/registry-event.js';
import type { MlflowPort, ModelVersion, ModelVersionPage, RegisteredModelPage, RunInfo } from '../ports/mlflow-port.js';

/**
 * An {@link MlflowPort} that knows only what the events it was given said: development without MLflow
 * (`serve --dev`). The webhook handler records each verified event before the key is converged, so
 * `converge` reads "MLflow" exactly as with a real server and takes no hints from the event. A version's
 * files are its `source`, else `{storage_uri_base}/{model}/{version}`. It cannot list what it was never
 * told, so a reconcile (which deletes what MLflow does not list) refuses to run on it.
 *
 * @example
 * ```ts
 * const mlflow = new EventFedMlflow({ storageUriBase: 's3://mlflow-artifacts' });
 * mlflow.record(parseEvent(rawBody));
 * await mlflow.getModelVersion('iris', '3'); // { tags: { deploy: 'true' }, … }
 * ```
 */
export class EventFedMlflow implements MlflowPort {
  private readonly versions = new Map<string, ModelVersion>();
  private readonly runs = new Map<string, RunInfo>();
  private readonly modelTags = new Map<string, Record<string, string>>();
  private readonly storageUriBase: string | undefined;

  constructor(options: { storageUriBase?: string | undefined } = {}) {
    this.storageUriBase = options.storageUriBase;
  }

  /** Takes what one event says about the registry. */
  record(event: RegistryEvent): void {
    if (event.type === 'unsupported') return;
    if (event.type === 'registered_model.created') {
      this.modelTags.set(event.model, { ...this.modelTags.get(event.model), ...event.tags });
      return;
    }
    if (event.type === 'model_version_alias.deleted') {
      for (const v of this.versions.values()) if (v.name === event.model) v.aliases = v.aliases.filter((a) => a !== event.alias);
      return;
    }
    const version = this.version(event.model, event.version);
    if (event.type === 'model_version.created') {
      version.source = event.source ?? version.source;
      version.runId = event.runId ?? version.runId;
      Object.assign(version.tags, event.tags);
    } else if (event.type === 'model_version_tag.set') {
      version.tags[event.key] = event.value;
      version.runId = event.runId ?? version.runId;
      if (event.runId && event.experimentId)
        this.runs.set(event.runId, { runId: event.runId, experimentId: event.experimentId, artifactUri: undefined });
    } else if (event.type === 'model_version_tag.deleted') {
      delete version.tags[event.key];
    } else {
      for (const v of this.versions.values()) if (v.name === event.model) v.aliases = v.aliases.filter((a) => a !== event.alias);
      version.aliases.push(event.alias);
    }
  }

  /** Takes what a person said about a run (`mlflow-kserve render --run-id … --experiment-id …`). */
  recordRun(run: RunInfo): void {
    this.runs.set(run.runId, run);
  }

  private version(model: string, number: string): ModelVersion {
    const id = `${model}\u0000${number}`;
    let version = this.versions.get(id);
    if (!version) {
      version = { name: model, version: number, source: undefined, runId: undefined, status: undefined, tags: {}, aliases: [] };
      this.versions.set(id, version);
      if (!this.modelTags.has(model)) this.modelTags.set(model, {});
    }
    return version;
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion | null> {
    const found = this.versions.get(`${name}\u0000${version}`);
    return found ? structuredClone(found) : null;
  }

  async getDownloadUri(name: string, version: string): Promise<string | null> {
    const found = this.versions.get(`${name}\u0000${version}`);
    if (!found) return null;
    if (found.source) return found.source;
    if (!this.storageUriBase) {
      throw new MlflowKserveError(
        'storage_uri_unusable',
        'Without MLflow the storage URI is {storage_uri_base}/{model}/{version}: set MLFLOW_KSERVE_STORAGE_URI_BASE.',
        { retryable: false },
      );
    }
    return `${this.storageUriBase.replace(/\/+$/, '')}/${encodeURIComponent(name)}/${encodeURIComponent(version)}`;
  }

  async getRun(runId: string): Promise<RunInfo | null> {
    return this.runs.get(runId) ?? null;
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion | null> {
    for (const v of this.versions.values()) if (v.name === name && v.aliases.includes(alias)) return structuredClone(v);
    return null;
  }

  searchRegisteredModels(): Promise<RegisteredModelPage> {
    return Promise.reject(notListable());
  }

  searchModelVersions(): Promise<ModelVersionPage> {
    return Promise.reject(notListable());
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    const found = this.versions.get(`${name}\u0000${version}`);
    if (found) found.tags[key] = value;
  }

  async deleteModelVersionTag(name: string, version: string, key: string): Promise<void> {
    delete this.versions.get(`${name}\u0000${version}`)?.tags[key];
  }

  async getRegisteredModelTags(name: string): Promise<Record<string, string> | null> {
    const tags = this.modelTags.get(name);
    return tags ? { ...tags } : null;
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    const tags = this.modelTags.get(name);
    if (tags) tags[key] = value;
  }

  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    delete this.modelTags.get(name)?.[key];
  }

  async setModelVersionAlias(name: string, alias: string, version: string): Promise<void> {
    this.record({ type: 'model_version_alias.created', model: name, alias, version, timestamp: undefined, workspace: undefined });
  }

  async ping(): Promise<void> {}
}

function notListable(): MlflowKserveError {
  return new MlflowKserveError(
    'config_invalid',
    'Without MLflow the listener knows only the events it has received, so it cannot list what MLflow wants: set MLFLOW_KSERVE_MLFLOW_TRACKING_URI to reconcile.',
    { retryable: false },
  );
}
