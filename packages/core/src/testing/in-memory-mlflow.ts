import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { cloneJson } from '../util/clone-json.js';
import type { MlflowPort, ModelVersion, ModelVersionPage, RegisteredModelPage, RunInfo } from '../ports/mlflow-port.js';
import type { MlflowWebhook, MlflowWebhooksPort, WebhookSpec, WebhookTestResult } from '../ports/mlflow-webhooks-port.js';

type Operation = keyof MlflowPort | keyof MlflowWebhooksPort;

/** Input of {@link InMemoryMlflow.addVersion}. */
export interface FakeVersion {
  name: string;
  version: string;
  source?: string;
  runId?: string;
  tags?: Record<string, string>;
  aliases?: string[];
  downloadUri?: string;
  description?: string;
  /** MLflow's registration status. Default `READY`. */
  status?: 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION';
  /**
   * The version's artifact files by path (`MLmodel`, …), as `getModelVersionArtifact` serves them. Default: the
   * `MLmodel` of a model saved with `mlflow.pyfunc` ({@link pyfuncMlmodel}); `{}` for a version without files.
   */
  files?: Record<string, string>;
}

/**
 * The `MLmodel` a model saved with `mlflow.pyfunc.save_model` has (trimmed to what the listener reads): the
 * files every {@link InMemoryMlflow} version has unless given others.
 */
export const pyfuncMlmodel = `flavors:
  python_function:
    loader_module: mlflow.pyfunc.model
    python_model: python_model.pkl
    python_version: 3.11.9
mlflow_version: 3.17.2
`;

/**
 * An {@link MlflowPort} kept in memory, for tests. Supports the tag filters the SDK sends
 * (`tags.\`key\` ILIKE '%value%'` and `tags.\`key\` = 'value'`), records calls and can fail on demand.
 *
 * @example
 * ```ts
 * const mlflow = new InMemoryMlflow();
 * mlflow.addVersion({ name: 'iris', version: '3', source: 's3://b/iris', tags: { deploy: 'true' } });
 * ```
 */
export class InMemoryMlflow implements MlflowPort, MlflowWebhooksPort {
  readonly versions = new Map<string, ModelVersion & { downloadUri?: string }>();
  /** Each version's artifact files, by `name/version`. */
  readonly files = new Map<string, Record<string, string>>();
  readonly runs = new Map<string, RunInfo>();
  readonly calls: { op: Operation; args: unknown[] }[] = [];
  pageSize = 100;
  private failures: Partial<Record<Operation, number>> = {};

  addVersion(v: FakeVersion): void {
    this.versions.set(`${v.name}/${v.version}`, {
      name: v.name,
      version: v.version,
      source: v.source,
      runId: v.runId,
      status: v.status ?? 'READY',
      tags: { ...v.tags },
      aliases: [...(v.aliases ?? [])],
      ...(v.description === undefined ? {} : { description: v.description }),
      ...(v.downloadUri === undefined ? {} : { downloadUri: v.downloadUri }),
    });
    this.files.set(`${v.name}/${v.version}`, { ...(v.files ?? { MLmodel: pyfuncMlmodel }) });
  }

  addRun(run: RunInfo): void {
    this.runs.set(run.runId, run);
  }

  deleteVersion(name: string, version: string): void {
    this.versions.delete(`${name}/${version}`);
  }

  /** Makes the next `count` calls of `op` throw a retryable `mlflow_error`. */
  failNext(op: Operation, count = 1): void {
    this.failures[op] = (this.failures[op] ?? 0) + count;
  }

  private enter(op: Operation, args: unknown[]): void {
    this.calls.push({ op, args });
    const left = this.failures[op] ?? 0;
    if (left > 0) {
      this.failures[op] = left - 1;
      throw new MlflowKserveError('mlflow_error', `MLflow ${op} failed (simulated).`);
    }
  }

  private copy(v: (ModelVersion & { downloadUri?: string }) | undefined): ModelVersion | null {
    if (!v) return null;
    const { downloadUri: _ignored, ...rest } = v;
    return cloneJson(rest);
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion | null> {
    this.enter('getModelVersion', [name, version]);
    return this.copy(this.versions.get(`${name}/${version}`));
  }

  async getDownloadUri(name: string, version: string): Promise<string | null> {
    this.enter('getDownloadUri', [name, version]);
    const v = this.versions.get(`${name}/${version}`);
    return v ? (v.downloadUri ?? v.source ?? null) : null;
  }

  async getModelVersionArtifact(name: string, version: string, path: string): Promise<string | null> {
    this.enter('getModelVersionArtifact', [name, version, path]);
    if (!this.versions.has(`${name}/${version}`)) return null;
    return this.files.get(`${name}/${version}`)?.[path] ?? null;
  }

  async getRun(runId: string): Promise<RunInfo | null> {
    this.enter('getRun', [runId]);
    return this.runs.get(runId) ?? null;
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion | null> {
    this.enter('getModelVersionByAlias', [name, alias]);
    return this.copy([...this.versions.values()].find((v) => v.name === name && v.aliases.includes(alias)));
  }

  /** Points `alias` of `name` at `version` (moving it off any other version), as MLflow's set-alias does. */
  setAlias(name: string, alias: string, version: string): void {
    this.deleteAlias(name, alias);
    this.versions.get(`${name}/${version}`)?.aliases.push(alias);
  }

  async setModelVersionAlias(name: string, alias: string, version: string): Promise<void> {
    this.enter('setModelVersionAlias', [name, alias, version]);
    if (!this.versions.has(`${name}/${version}`))
      throw new MlflowKserveError('mlflow_error', `Model version ${name}/${version} does not exist.`, { retryable: false });
    this.setAlias(name, alias, version);
  }

  deleteAlias(name: string, alias: string): void {
    for (const v of this.versions.values()) if (v.name === name) v.aliases = v.aliases.filter((a) => a !== alias);
  }

  async searchRegisteredModels(options: { pageToken?: string | undefined; maxResults?: number } = {}): Promise<RegisteredModelPage> {
    this.enter('searchRegisteredModels', [options]);
    const byModel = new Map<string, { alias: string; version: string }[]>();
    for (const v of this.versions.values()) {
      const list = byModel.get(v.name) ?? [];
      for (const alias of v.aliases) list.push({ alias, version: v.version });
      byModel.set(v.name, list);
    }
    for (const name of this.modelTags.keys()) if (!byModel.has(name)) byModel.set(name, []);
    const all = [...byModel.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, aliases]) => ({ name, aliases, tags: { ...(this.modelTags.get(name) ?? {}) } }));
    const start = options.pageToken ? Number(options.pageToken) : 0;
    const size = Math.min(options.maxResults ?? this.pageSize, this.pageSize);
    return { models: all.slice(start, start + size), nextPageToken: start + size < all.length ? String(start + size) : undefined };
  }

  async searchModelVersions(options: { filter: string; pageToken?: string | undefined; maxResults?: number }): Promise<ModelVersionPage> {
    this.enter('searchModelVersions', [options]);
    const match = /^tags\.`?([^`]+?)`?\s+(ILIKE|=)\s+'(.*)'$/i.exec(options.filter.trim());
    if (!match) throw new MlflowKserveError('mlflow_error', `Unsupported filter in fake: ${options.filter}`, { retryable: false });
    const [, key, op, pattern] = match as unknown as [string, string, string, string];
    const test =
      op.toUpperCase() === 'ILIKE'
        ? (value: string) =>
            new RegExp(
              `^${pattern
                .split('%')
                .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
                .join('.*')}$`,
              'i',
            ).test(value)
        : (value: string) => value === pattern;
    const all = [...this.versions.values()].filter((v) => v.tags[key] !== undefined && test(v.tags[key]!));
    const start = options.pageToken ? Number(options.pageToken) : 0;
    const size = Math.min(options.maxResults ?? this.pageSize, this.pageSize);
    const page = all.slice(start, start + size).map((v) => this.copy(v)!);
    return { versions: page, nextPageToken: start + size < all.length ? String(start + size) : undefined };
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    this.enter('setModelVersionTag', [name, version, key, value]);
    const v = this.versions.get(`${name}/${version}`);
    if (!v) throw new MlflowKserveError('mlflow_error', `Model version ${name}/${version} does not exist.`, { retryable: false });
    v.tags[key] = value;
  }

  async deleteModelVersionTag(name: string, version: string, key: string): Promise<void> {
    this.enter('deleteModelVersionTag', [name, version, key]);
    delete this.versions.get(`${name}/${version}`)?.tags[key];
  }

  /** Registered models' tags, by model name (a model exists in the fake once it has a version or a tag). */
  readonly modelTags = new Map<string, Record<string, string>>();

  /** Registered models' descriptions, by name. */
  readonly modelDescriptions = new Map<string, string>();

  async getRegisteredModel(name: string): Promise<{ tags: Record<string, string>; description: string | undefined } | null> {
    this.enter('getRegisteredModel', [name]);
    const exists = this.modelTags.has(name) || this.modelDescriptions.has(name) || [...this.versions.values()].some((v) => v.name === name);
    return exists ? { tags: { ...this.modelTags.get(name) }, description: this.modelDescriptions.get(name) } : null;
  }

  async getRegisteredModelTags(name: string): Promise<Record<string, string> | null> {
    this.enter('getRegisteredModelTags', [name]);
    const exists = this.modelTags.has(name) || [...this.versions.values()].some((v) => v.name === name);
    return exists ? { ...this.modelTags.get(name) } : null;
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    this.enter('setRegisteredModelTag', [name, key, value]);
    this.modelTags.set(name, { ...this.modelTags.get(name), [key]: value });
  }

  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    this.enter('deleteRegisteredModelTag', [name, key]);
    const tags = { ...this.modelTags.get(name) };
    delete tags[key];
    this.modelTags.set(name, tags);
  }

  /** Registered webhooks, with the secret each was last given. */
  readonly webhooks = new Map<string, MlflowWebhook & { secret: string }>();
  /** What `testWebhook` reports (MLflow would call the URL). */
  webhookTestAnswer: WebhookTestResult = { success: true, responseStatus: 200, responseBody: '{}', errorMessage: undefined };

  async listWebhooks(): Promise<MlflowWebhook[]> {
    this.enter('listWebhooks', []);
    return [...this.webhooks.values()].map(({ secret: _secret, ...w }) => cloneJson(w));
  }

  async createWebhook(webhook: WebhookSpec): Promise<MlflowWebhook> {
    this.enter('createWebhook', [webhook.name]);
    const id = `wh-${this.webhooks.size + 1}`;
    this.webhooks.set(id, { id, ...cloneJson(webhook) });
    const { secret: _secret, ...shown } = this.webhooks.get(id)!;
    return shown;
  }

  async updateWebhook(id: string, changes: WebhookSpec): Promise<MlflowWebhook> {
    this.enter('updateWebhook', [id]);
    if (!this.webhooks.has(id)) throw new MlflowKserveError('mlflow_error', `Webhook ${id} not found.`, { retryable: false });
    this.webhooks.set(id, { id, ...cloneJson(changes) });
    const { secret: _secret, ...shown } = this.webhooks.get(id)!;
    return shown;
  }

  async testWebhook(id: string): Promise<WebhookTestResult> {
    this.enter('testWebhook', [id]);
    return { ...this.webhookTestAnswer };
  }

  async ping(): Promise<void> {
    this.enter('ping', []);
  }
}
