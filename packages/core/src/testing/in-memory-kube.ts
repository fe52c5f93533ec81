import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { cloneJson } from '../util/clone-json.js';
import type { ApplyPrecondition, KubePort, WatchEvent } from '../ports/kube-port.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { matchesLabelSelector } from '../util/matches-label-selector.js';
import type { ServingRuntimeSummary } from '../ports/serving-runtime-summary.js';

type Operation = 'apply' | 'delete' | 'get' | 'list' | 'ping' | 'watch' | 'servingRuntimes';

/**
 * The runtimes a KServe v0.20 install brings that serve MLflow's formats (its `config/runtimes/`, trimmed to what
 * choosing a runtime reads): `kserve-mlserver` (mlflow, sklearn, xgboost, lightgbm; protocol v2) and
 * `kserve-sklearnserver` (sklearn; v1 and v2). What an {@link InMemoryKube} has unless given others.
 */
export const kserveDefaultRuntimes: ServingRuntimeSummary[] = [
  {
    name: 'kserve-mlserver',
    kind: 'ClusterServingRuntime',
    disabled: false,
    multiModel: false,
    multiNode: false,
    protocolVersions: ['v2'],
    formats: [
      { name: 'sklearn', version: '0', autoSelect: true },
      { name: 'sklearn', version: '1', autoSelect: true },
      { name: 'xgboost', version: '1', autoSelect: true },
      { name: 'xgboost', version: '2', autoSelect: true },
      { name: 'lightgbm', version: '3', autoSelect: true },
      { name: 'lightgbm', version: '4', autoSelect: true },
      { name: 'mlflow', version: '1', autoSelect: true },
      { name: 'mlflow', version: '2', autoSelect: true },
    ],
  },
  {
    name: 'kserve-sklearnserver',
    kind: 'ClusterServingRuntime',
    disabled: false,
    multiModel: false,
    multiNode: false,
    protocolVersions: ['v1', 'v2'],
    formats: [{ name: 'sklearn', version: '1', autoSelect: true }],
  },
];

/**
 * A {@link KubePort} kept in memory, for tests and benchmarks. Records every call, can fail on demand,
 * and can imitate KServe's mutating webhook with `mutate` (defaults added to stored objects).
 *
 * @example
 * ```ts
 * const kube = new InMemoryKube();
 * kube.failNext('apply', 3); // the next three applies throw a retryable kubernetes_error
 * ```
 */
export class InMemoryKube implements KubePort {
  readonly objects = new Map<string, InferenceServiceManifest>();
  readonly calls: { op: Operation; namespace?: string; name?: string }[] = [];
  /** The ServingRuntimes (with their namespace) and ClusterServingRuntimes the preflight sees; KServe's defaults to begin with. */
  runtimes: (ServingRuntimeSummary & { namespace?: string })[] = structuredClone(kserveDefaultRuntimes);
  private failures: Partial<Record<Operation, number>> = {};
  private resourceVersion = 0;

  constructor(private readonly options: { mutate?: (object: InferenceServiceManifest) => InferenceServiceManifest } = {}) {}

  /** Makes the next `count` calls of `op` throw a retryable `kubernetes_error`. */
  failNext(op: Operation, count = 1): void {
    this.failures[op] = (this.failures[op] ?? 0) + count;
  }

  /** Number of writes (apply and delete) so far. */
  get writes(): number {
    return this.calls.filter((c) => c.op === 'apply' || c.op === 'delete').length;
  }

  private enter(op: Operation, namespace?: string, name?: string): void {
    this.calls.push({ op, ...(namespace === undefined ? {} : { namespace }), ...(name === undefined ? {} : { name }) });
    const left = this.failures[op] ?? 0;
    if (left > 0) {
      this.failures[op] = left - 1;
      throw new MlflowKserveError('kubernetes_error', `Kubernetes API ${op} failed (simulated).`);
    }
  }

  async apply(manifest: InferenceServiceManifest, precondition: ApplyPrecondition): Promise<void> {
    const { namespace, name } = manifest.metadata;
    this.enter('apply', namespace, name);
    const key = `${namespace}/${name}`;
    const previous = this.objects.get(key);
    if (precondition.resourceVersion === undefined && previous) {
      throw new MlflowKserveError('kubernetes_error', `InferenceService ${key} already exists (AlreadyExists).`, {
        details: { status: 409, reason: 'AlreadyExists' },
      });
    }
    if (precondition.resourceVersion !== undefined && previous?.metadata['resourceVersion'] !== precondition.resourceVersion) {
      throw new MlflowKserveError('kubernetes_error', `InferenceService ${key} was modified concurrently (Conflict).`, {
        details: { status: 409, reason: 'Conflict' },
      });
    }
    const copy = cloneJson(manifest);
    const stored = this.options.mutate ? this.options.mutate(copy) : copy;
    this.resourceVersion += 1;
    stored.metadata = {
      ...stored.metadata,
      resourceVersion: String(this.resourceVersion),
      uid: (previous?.metadata['uid'] as string | undefined) ?? `uid-${this.resourceVersion}`,
    };
    if (previous?.status) stored.status = previous.status;
    this.objects.set(key, stored);
    this.emit(previous ? 'MODIFIED' : 'ADDED', stored);
  }

  async delete(namespace: string, name: string, precondition: { uid?: string | undefined } = {}): Promise<boolean> {
    this.enter('delete', namespace, name);
    const key = `${namespace}/${name}`;
    const existing = this.objects.get(key);
    if (existing && precondition.uid !== undefined && existing.metadata['uid'] !== precondition.uid) {
      throw new MlflowKserveError('kubernetes_error', `InferenceService ${key} was replaced concurrently (Conflict).`, {
        details: { status: 409, reason: 'Conflict' },
      });
    }
    if (!existing) return false;
    this.objects.delete(key);
    this.emit('DELETED', existing);
    return true;
  }

  async get(namespace: string, name: string): Promise<InferenceServiceManifest | null> {
    this.enter('get', namespace, name);
    const found = this.objects.get(`${namespace}/${name}`);
    return found ? cloneJson(found) : null;
  }

  async list(namespace: string, labelSelector: string): Promise<InferenceServiceManifest[]> {
    this.enter('list', namespace);
    return [...this.objects.values()]
      .filter((o) => o.metadata.namespace === namespace && matchesLabelSelector(o.metadata.labels, labelSelector))
      .map((o) => cloneJson(o));
  }

  async ping(): Promise<void> {
    this.enter('ping');
  }

  async servingRuntimes(namespace: string): Promise<ServingRuntimeSummary[]> {
    this.enter('servingRuntimes', namespace);
    return this.runtimes
      .filter((r) => r.kind === 'ClusterServingRuntime' || r.namespace === namespace)
      .map(({ namespace: _ns, ...runtime }) => cloneJson(runtime));
  }

  private readonly watchers = new Set<{
    namespace: string;
    selector: string;
    onEvent: (e: WatchEvent) => void;
    onDone: (error?: unknown) => void;
  }>();

  async watch(
    namespace: string,
    labelSelector: string,
    onEvent: (event: WatchEvent) => void,
    onDone: (error?: unknown) => void,
  ): Promise<{ stop(): void }> {
    this.enter('watch', namespace);
    const watcher = { namespace, selector: labelSelector, onEvent, onDone };
    this.watchers.add(watcher);
    return { stop: () => this.watchers.delete(watcher) };
  }

  /** Number of open watches. */
  get watchCount(): number {
    return this.watchers.size;
  }

  /** Ends every open watch (as a dropped connection would), with `error` if given. */
  endWatches(error?: unknown): void {
    for (const w of [...this.watchers]) {
      this.watchers.delete(w);
      w.onDone(error);
    }
  }

  /** Sets an object's status, as KServe's controller would, and tells the watchers. */
  setStatus(namespace: string, name: string, status: Record<string, unknown>): void {
    const object = this.objects.get(`${namespace}/${name}`);
    if (!object) throw new Error(`no InferenceService ${namespace}/${name}`);
    this.resourceVersion += 1;
    object.status = status;
    object.metadata = { ...object.metadata, resourceVersion: String(this.resourceVersion) };
    this.emit('MODIFIED', object);
  }

  private emit(type: WatchEvent['type'], object: InferenceServiceManifest): void {
    for (const w of this.watchers) {
      if (object.metadata.namespace === w.namespace && matchesLabelSelector(object.metadata.labels, w.selector))
        w.onEvent({ type, object: cloneJson(object) });
    }
  }
}
