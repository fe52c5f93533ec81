import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { redactUrl } from '../config/redact-config.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { ApplyPrecondition, KubePort } from '../ports/kube-port.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { toYaml } from '../render/to-yaml.js';
import { matchesLabelSelector } from '../util/matches-label-selector.js';
import { fileBody, manifestFileName, parseManifestFile } from '../directory/manifest-file.js';
import type { ChangeCause } from '../ports/change-cause.js';
import { commitMessage, type FileChange } from './commit-message.js';
import { editTree, type ObjectStore } from './edit-tree.js';
import { gitHttpClient } from './git-http-client.js';

/** Options of {@link GitKube}. */
export interface GitKubeOptions {
  /** The repository's https URL (credentials in it are used, and masked wherever the URL is shown). */
  url: string;
  /** The branch commits are pushed to. Default `main`. */
  branch?: string;
  /** The folder in the repository holding `<namespace>/<name>.yaml`. Default `inference-services`. */
  path?: string;
  /** Author and committer, `Name <email>`. */
  author?: string;
  /** HTTP Basic user sent with the token. Default `x-access-token`. */
  username?: string;
  /** Token or password. */
  token?: string;
  /** File holding the token, read at each fetch and push (a mounted Secret). */
  tokenFile?: string;
  /** Folder of the local repository. Default: a folder per URL and branch in the OS temp directory. */
  workdir?: string;
  /** How often a change is built and pushed when pushes are rejected because the branch moved (jittered backoff between). Default 8. */
  pushAttempts?: number;
  /** Timeout of one fetch or push, in milliseconds. Default 30,000. */
  timeoutMs?: number;
  /** Told about files `list` skipped and about pushes that must be retried. */
  onWarning?: (message: string) => void;
  /** The clock of commit times (tests). */
  now?: () => Date;
}

interface Unit {
  edits: Map<string, FileChange & { bytes: Uint8Array | null }>;
  causes: ChangeCause[];
  after: ((commit: string) => Promise<void>)[];
}

const outgoing = 'refs/heads/mlflow-kserve-outgoing';
/** The last tip known to be in the branch's history, kept in the local copy so that a restart still sees a rewrite. */
const verifiedRef = 'refs/mlflow-kserve/verified';
/**
 * Fetches add packs and commits add loose objects (nothing packs them); after this many of either, the local copy
 * is cloned afresh — a depth-1 clone is one snapshot of the branch, so it costs about what one fetch of it costs.
 */
const writesPerClone = 200;
/** How old the local view of the branch may be for reads outside a change (`list` for `/services`). */
const staleAfterMs = 5_000;
/** How often at most the branch's history is checked for a rewrite (a force-push), off the path of any change. */
const historyCheckEveryMs = 10_000;

const errorCode = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/**
 * A {@link KubePort} that commits the directory target's files (`<path>/<namespace>/<name>.yaml`, valid for
 * `kubectl apply`) to a branch of a Git repository, for Argo CD or Flux to apply. Written with isomorphic-git
 * (no `git` binary needed) over a bare, shallow local copy: nothing is checked out, so nothing half-written
 * is ever left for the next converge to trip on.
 *
 * Each {@link GitKube.change} is one commit: it fetches the branch, runs the work against the tip (reads see
 * the tip plus the work's own writes), commits what the work wrote — only files under `path` — and pushes.
 * A push rejected because the branch moved (another replica, a person) runs the work again on the new tip, up
 * to `pushAttempts` times; nothing on the branch is overwritten, and a change that writes nothing makes no
 * commit. Unreachable server, refused credentials, a protected branch: `git_error` (→ 502, MLflow retries)
 * naming the setting to check. Changes in one process take turns; a change inside another joins it (one
 * commit for a whole reconcile).
 *
 * @example
 * ```ts
 * import { GitKube } from '@mlflow-kserve/core/git';
 * const kube = new GitKube({ url: 'https://git.example.com/acme/deploy.git', token: process.env.GIT_TOKEN });
 * ```
 */
export class GitKube implements KubePort {
  readonly branch: string;
  readonly path: string;
  private readonly url: string;
  private readonly shownUrl: string;
  private readonly urlUser: string | undefined;
  private readonly urlPassword: string | undefined;
  private readonly store: ObjectStore;
  private readonly http;
  private readonly units = new AsyncLocalStorage<Unit>();
  private turn: Promise<unknown> = Promise.resolve();
  private base: { commit: string | undefined; tree: string | undefined; at: number } | undefined;
  private initialized = false;
  private writes = 0;
  private lastWarnings: string[] = [];
  private readonly rewriteListeners = new Set<(detail: string) => void>();
  /** The last tip known to be in the branch's history, and its commit time (kept across re-clones). */
  private verified: { oid: string; timestamp: number } | undefined;
  private historyCheck: NodeJS.Timeout | undefined;
  private lastHistoryCheck: number | undefined;

  constructor(private readonly options: GitKubeOptions) {
    const url = new URL(options.url);
    this.urlUser = url.username ? decodeURIComponent(url.username) : undefined;
    this.urlPassword = url.password ? decodeURIComponent(url.password) : undefined;
    url.username = '';
    url.password = '';
    this.url = url.toString();
    this.shownUrl = redactUrl(options.url);
    this.branch = options.branch ?? 'main';
    this.path = (options.path ?? 'inference-services').replace(/\/+$/, '');
    const id = createHash('sha256').update(`${this.url}\n${this.branch}`).digest('hex').slice(0, 16);
    this.store = { gitdir: join(options.workdir ?? join(tmpdir(), 'mlflow-kserve-git'), `${id}.git`), cache: {} };
    this.http = gitHttpClient(options.timeoutMs ?? 30_000);
  }

  /**
   * Runs `work` as one commit (see the class): its writes are committed and pushed when it ends, and it runs again
   * on the new tip when the push is rejected because the branch moved. Inside another change it joins that one.
   *
   * @throws MlflowKserveError `git_error` when the repository cannot be fetched or pushed to.
   */
  async change<T>(work: () => Promise<T>, cause: ChangeCause = {}): Promise<T> {
    const outer = this.units.getStore();
    if (outer) {
      outer.causes.push(cause);
      return work();
    }
    return this.exclusive(async () => {
      const attempts = this.options.pushAttempts ?? 8;
      for (let attempt = 1; ; attempt += 1) {
        await this.sync();
        const unit: Unit = { edits: new Map(), causes: [cause], after: [] };
        const value = await this.units.run(unit, work);
        const commit = await this.commit(unit);
        if (commit === undefined) return value;
        if (await this.push(commit.oid)) {
          this.base = { commit: commit.oid, tree: commit.tree, at: Date.now() };
          this.writes += 1;
          await git.writeRef({ fs, gitdir: this.store.gitdir, ref: `refs/heads/${this.branch}`, value: commit.oid, force: true });
          for (const callback of unit.after) await callback(commit.oid);
          return value;
        }
        if (attempt >= attempts) {
          throw new MlflowKserveError(
            'git_error',
            `Git target: the push to ${this.branch} was rejected ${attempts} times because the branch kept moving (other writers); MLflow's retry will try again. Raise MLFLOW_KSERVE_GIT_PUSH_ATTEMPTS if this is frequent.`,
            { retryable: true },
          );
        }
        this.warn(
          `push to ${this.branch} rejected (the branch moved); building the change again on the new tip (attempt ${attempt + 1} of ${attempts})`,
        );
        // Writers that lost the same race try again at different times, not in lock-step.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1_000, 50 * 2 ** attempt)));
      }
    });
  }

  /** Inside a {@link GitKube.change}: runs `callback` with the commit once it is pushed (not when nothing was committed). */
  afterChange(callback: (commit: string) => Promise<void>): void {
    this.units.getStore()?.after.push(callback);
  }

  async apply(manifest: InferenceServiceManifest, _precondition: ApplyPrecondition): Promise<void> {
    const unit = this.units.getStore();
    if (!unit) return this.change(() => this.apply(manifest, _precondition));
    const { namespace, name } = manifest.metadata;
    const path = this.file(namespace, name);
    const after = fileBody(manifest);
    const before = unit.edits.has(path) ? unit.edits.get(path)!.before : await this.readBase(path);
    unit.edits.set(path, { path, before, after, bytes: new TextEncoder().encode(toYaml(after)) });
  }

  async delete(namespace: string, name: string): Promise<boolean> {
    const unit = this.units.getStore();
    if (!unit) return this.change(() => this.delete(namespace, name));
    const path = this.file(namespace, name);
    const existed = (await this.get(namespace, name)) !== null;
    if (!existed) return false;
    const before = unit.edits.has(path) ? unit.edits.get(path)!.before : await this.readBase(path);
    unit.edits.set(path, { path, before, after: null, bytes: null });
    return true;
  }

  async get(namespace: string, name: string): Promise<InferenceServiceManifest | null> {
    const path = this.file(namespace, name);
    const edit = this.units.getStore()?.edits.get(path);
    if (edit) return edit.after ? structuredClone(edit.after) : null;
    if (!this.units.getStore()) await this.fresh();
    return this.readBase(path);
  }

  async list(namespace: string, labelSelector: string): Promise<InferenceServiceManifest[]> {
    const unit = this.units.getStore();
    if (!unit) await this.fresh();
    const folder = `${this.path}/${namespace}`;
    const found = new Map<string, InferenceServiceManifest>();
    const warnings: string[] = [];
    for (const entry of await this.baseEntries(folder)) {
      if (entry.type !== 'blob' || !entry.path.endsWith('.yaml')) continue;
      const text = new TextDecoder().decode(await this.readBlob(entry.oid));
      const parsed = parseManifestFile(text);
      if (!parsed) warnings.push(`${namespace}/${entry.path} is not one InferenceService and was skipped`);
      else found.set(`${folder}/${entry.path}`, parsed);
    }
    for (const [path, edit] of unit?.edits ?? []) {
      if (!path.startsWith(`${folder}/`) || path.slice(folder.length + 1).includes('/')) continue;
      if (edit.after) found.set(path, structuredClone(edit.after));
      else found.delete(path);
    }
    this.lastWarnings = warnings;
    for (const w of warnings) this.options.onWarning?.(w);
    return [...found.values()].filter((m) => matchesLabelSelector(m.metadata.labels, labelSelector));
  }

  warnings(): string[] {
    return [...this.lastWarnings];
  }

  /** Readiness and `config check`: the repository answers, and these credentials may push to it. */
  async ping(): Promise<void> {
    try {
      await git.getRemoteInfo({ http: this.http, url: this.url, headers: this.headers(), forPush: true });
    } catch (error) {
      throw this.failure(error, 'checking push access to');
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  private warn(message: string): void {
    this.options.onWarning?.(message);
  }

  private file(namespace: string, name: string): string {
    return `${this.path}/${manifestFileName(namespace, name, 'git_error')}`;
  }

  /** What every fetch from and push to the repository passes: the local copy, the remote and fresh credentials. */
  private toOrigin() {
    return {
      fs,
      http: this.http,
      gitdir: this.store.gitdir,
      remote: 'origin',
      headers: this.headers(),
      cache: this.store.cache,
    };
  }

  private headers(): Record<string, string> {
    let token = this.options.token;
    if (token === undefined && this.options.tokenFile !== undefined) {
      try {
        token = fs.readFileSync(this.options.tokenFile, 'utf8').trim();
      } catch (error) {
        throw new MlflowKserveError(
          'git_error',
          `Git target: the token file could not be read (${errorCode(error) ?? 'error'}); check MLFLOW_KSERVE_GIT_TOKEN_FILE and the mounted Secret.`,
          { retryable: true },
        );
      }
    }
    token ??= this.urlPassword;
    if (token === undefined || token === '') return {};
    const user =
      this.urlPassword !== undefined && token === this.urlPassword
        ? (this.urlUser ?? '')
        : (this.options.username ?? this.urlUser ?? 'x-access-token');
    return { authorization: `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}` };
  }

  private async init(): Promise<void> {
    if (this.initialized) return;
    try {
      if (!fs.existsSync(join(this.store.gitdir, 'HEAD'))) {
        fs.mkdirSync(this.store.gitdir, { recursive: true });
        await git.init({ fs, gitdir: this.store.gitdir, bare: true, defaultBranch: this.branch });
      }
      await git.addRemote({ fs, gitdir: this.store.gitdir, remote: 'origin', url: this.url, force: true });
    } catch (error) {
      throw new MlflowKserveError(
        'git_error',
        `Git target: the local copy of the repository could not be set up (${errorCode(error) ?? 'error'}); check that MLFLOW_KSERVE_GIT_WORKDIR is writable.`,
        { retryable: true },
      );
    }
    this.initialized = true;
  }

  /** A fresh local copy: the next fetch clones again (shallow). Used every so many fetches, and after local damage. */
  private reset(): void {
    fs.rmSync(this.store.gitdir, { recursive: true, force: true });
    this.store.cache = {};
    this.initialized = false;
    this.writes = 0;
  }

  /** Outside a change: the branch as it was at most a few seconds ago. */
  private async fresh(): Promise<void> {
    if (this.base && Date.now() - this.base.at < staleAfterMs) return;
    await this.exclusive(() => this.sync());
  }

  /**
   * Makes the branch's tip the base of what is read and committed: asks the server where the branch is (one
   * request) and fetches only when it moved (depth 1, telling the server what is here already, so only new objects
   * come). A repository without the branch has an empty base: the first commit creates the branch.
   */
  private async sync(): Promise<void> {
    if (this.writes >= writesPerClone) this.reset();
    await this.init();
    const branchRef = `refs/heads/${this.branch}`;
    let tip: string | undefined;
    try {
      const info = await git.getRemoteInfo2({ http: this.http, url: this.url, headers: this.headers(), protocolVersion: 1 });
      tip = info.refs?.find((r) => r.ref === branchRef)?.oid;
    } catch (error) {
      throw this.failure(error, 'fetching');
    }
    if (tip === undefined) {
      this.base = { commit: undefined, tree: undefined, at: Date.now() };
      return;
    }
    if (tip === this.base?.commit) {
      this.base.at = Date.now();
      return;
    }
    let commit: string | undefined;
    this.writes += 1;
    try {
      const fetched = await git.fetch({ ...this.toOrigin(), ref: this.branch, singleBranch: true, depth: 1, tags: false });
      commit = fetched.fetchHead ?? undefined;
    } catch (error) {
      throw this.failure(error, 'fetching');
    }
    let tree: string | undefined;
    if (commit) {
      try {
        tree = (await git.readCommit({ fs, gitdir: this.store.gitdir, oid: commit, cache: this.store.cache })).commit.tree;
        // The local branch is what the next fetch names as already here.
        await git.writeRef({ fs, gitdir: this.store.gitdir, ref: branchRef, value: commit, force: true });
      } catch (error) {
        // The local copy is damaged (e.g. a crash while writing): start afresh; MLflow's retry fetches again.
        this.reset();
        throw this.failure(error, 'reading the fetched branch of');
      }
    }
    this.base = { commit, tree, at: Date.now() };
    this.checkHistorySoon();
  }

  /**
   * After the branch moved under this copy, and at most every {@link historyCheckEveryMs}: checks, outside the change
   * that saw it (its push is not delayed; the next change waits for the check), that the tip still descends from the
   * last tip known to be in the branch's history. The first tip seen is known by definition; after a re-clone the
   * remembered one (oid and time) is checked against the new history.
   */
  private checkHistorySoon(): void {
    if (this.rewriteListeners.size === 0 && !this.options.onWarning) return;
    const tip = this.base?.commit;
    if (!tip || tip === this.verified?.oid || this.historyCheck) return;
    const wait = Math.max(0, (this.lastHistoryCheck ?? 0) + historyCheckEveryMs - Date.now());
    this.historyCheck = setTimeout(() => {
      void this.exclusive(async () => {
        this.historyCheck = undefined;
        this.lastHistoryCheck = Date.now();
        await this.checkHistory();
      });
    }, wait);
    this.historyCheck.unref?.();
  }

  private async checkHistory(): Promise<void> {
    const tip = this.base?.commit;
    if (!tip) return;
    let tipCommit: Awaited<ReturnType<typeof git.readCommit>>['commit'];
    try {
      tipCommit = (await git.readCommit({ fs, gitdir: this.store.gitdir, oid: tip, cache: this.store.cache })).commit;
    } catch {
      return; // the local copy was replaced meanwhile: the next sync schedules another check
    }
    const known = this.verified ?? (await this.rememberedTip());
    const now = { oid: tip, timestamp: tipCommit.committer.timestamp };
    if (!known || tipCommit.parent.includes(known.oid)) {
      await this.setVerified(now);
      return;
    }
    // Commits since the known tip was made, with a little and then a lot of room for writers' clocks: walked back
    // from the tip, they reach it unless the history was rewritten. A fetch that fails leaves the question open.
    for (const skewSeconds of [5, 600]) {
      try {
        await git.fetch({
          ...this.toOrigin(),
          ref: this.branch,
          singleBranch: true,
          since: new Date((known.timestamp - skewSeconds) * 1000),
          tags: false,
        });
        if (await git.isDescendent({ fs, gitdir: this.store.gitdir, oid: tip, ancestor: known.oid, depth: -1, cache: this.store.cache })) {
          await this.setVerified(now);
          return;
        }
      } catch {
        return;
      }
    }
    await this.setVerified(now);
    const detail = `the branch ${this.branch} (MLFLOW_KSERVE_GIT_BRANCH) of ${this.shownUrl} was rewritten: ${known.oid.slice(0, 12)}, a tip seen before, is no longer in its history (a force-push); the files MLflow wants that it dropped are restored by the next reconcile (at once where the background work runs; "mlflow-kserve reconcile" restores them now)`;
    this.warn(detail);
    for (const listener of this.rewriteListeners) listener(detail);
  }

  /** The known tip a kept local copy remembers from before a restart. */
  private async rememberedTip(): Promise<{ oid: string; timestamp: number } | undefined> {
    try {
      const oid = await git.resolveRef({ fs, gitdir: this.store.gitdir, ref: verifiedRef });
      const { commit } = await git.readCommit({ fs, gitdir: this.store.gitdir, oid, cache: this.store.cache });
      return { oid, timestamp: commit.committer.timestamp };
    } catch {
      return undefined;
    }
  }

  private async setVerified(tip: { oid: string; timestamp: number }): Promise<void> {
    this.verified = tip;
    await git.writeRef({ fs, gitdir: this.store.gitdir, ref: verifiedRef, value: tip.oid, force: true }).catch(() => undefined);
  }

  /**
   * `callback` runs when a fetch finds the branch rewritten (the tip seen before is no longer in its history, as after
   * a force-push), so the files the rewrite dropped can be restored (the background work reconciles). Returns a
   * function that stops the calls.
   */
  onRewritten(callback: (detail: string) => void): () => void {
    this.rewriteListeners.add(callback);
    return () => this.rewriteListeners.delete(callback);
  }

  private async commit(unit: Unit): Promise<{ oid: string; tree: string } | undefined> {
    if (unit.edits.size === 0) return undefined;
    const base = this.base!;
    const edits = new Map([...unit.edits].map(([path, edit]) => [path, edit.bytes]));
    const tree = (await editTree(this.store, base.tree, edits)) ?? (await git.writeTree({ fs, gitdir: this.store.gitdir, tree: [] }));
    if (tree === base.tree) return undefined;
    const changes = [...unit.edits.values()].filter((e) => !(e.before === null && e.after === null));
    const match = /^(.*) <(.*)>$/.exec(this.options.author ?? 'mlflow-kserve <mlflow-kserve@noreply.invalid>');
    const when = this.options.now?.() ?? new Date();
    const person = {
      name: match?.[1] ?? 'mlflow-kserve',
      email: match?.[2] ?? '',
      timestamp: Math.floor(when.getTime() / 1000),
      timezoneOffset: 0,
    };
    const oid = await git.writeCommit({
      fs,
      gitdir: this.store.gitdir,
      commit: {
        message: commitMessage(changes, unit.causes),
        tree,
        parent: base.commit ? [base.commit] : [],
        author: person,
        committer: person,
      },
    });
    return { oid, tree };
  }

  /** `true` when the branch now points at `commit`; `false` when the push was rejected because the branch moved. */
  private async push(commit: string): Promise<boolean> {
    await git.writeRef({ fs, gitdir: this.store.gitdir, ref: outgoing, value: commit, force: true });
    const remoteRef = `refs/heads/${this.branch}`;
    try {
      const result = await git.push({ ...this.toOrigin(), ref: outgoing, remoteRef });
      const answer = result.refs?.[remoteRef];
      const refused = answer?.ok === false ? answer.error || 'refused' : result.ok ? undefined : result.error || 'refused';
      if (refused === undefined) return true;
      if (movedOn(refused)) return false;
      throw this.refused(refused);
    } catch (error) {
      if (MlflowKserveError.isInstance(error)) throw error;
      if (errorCode(error) === 'PushRejectedError') return false;
      if (errorCode(error) === 'GitPushError') {
        const details = String((error as { data?: { prettyDetails?: string } }).data?.prettyDetails ?? '');
        if (movedOn(details)) return false;
        throw this.refused(details);
      }
      throw this.failure(error, 'pushing to');
    }
  }

  private refused(reason: string): MlflowKserveError {
    return new MlflowKserveError(
      'git_error',
      `Git target: the server refused the push to branch ${this.branch} (${reason.replace(/\s+/g, ' ').slice(0, 200)}): a protected branch or a token without write access? Check MLFLOW_KSERVE_GIT_BRANCH and the token's rights (MLFLOW_KSERVE_GIT_TOKEN).`,
      { retryable: true },
    );
  }

  /** A fetch or push that failed, said without the URL's credentials and naming what to check. */
  private failure(error: unknown, what: string): MlflowKserveError {
    if (MlflowKserveError.isInstance(error)) return error;
    const status = (error as { data?: { statusCode?: number } }).data?.statusCode;
    let hint: string;
    if (status === 401 || status === 403) {
      hint = `the server refused the credentials (HTTP ${status}); check MLFLOW_KSERVE_GIT_TOKEN (or MLFLOW_KSERVE_GIT_TOKEN_FILE) and MLFLOW_KSERVE_GIT_USERNAME`;
    } else if (status === 404) {
      hint = 'the server has no such repository (HTTP 404); check the URL in MLFLOW_KSERVE_KUBE_TARGET';
    } else if (status !== undefined) {
      hint = `the server answered HTTP ${status}`;
    } else if (
      errorCode(error) === 'HttpError' ||
      errorCode(error) === 'SmartHttpError' ||
      error instanceof TypeError ||
      (error as Error).name === 'TimeoutError'
    ) {
      hint =
        'the server could not be reached or did not answer in time; check the URL in MLFLOW_KSERVE_KUBE_TARGET, the network, and MLFLOW_KSERVE_GIT_TIMEOUT_MS';
    } else {
      hint = `${errorCode(error) ?? (error as Error).name ?? 'error'}`;
    }
    return new MlflowKserveError('git_error', `Git target: ${what} ${this.shownUrl} failed: ${hint}.`, { retryable: true, cause: error });
  }

  private async baseEntries(folder: string): Promise<{ path: string; oid: string; type: string }[]> {
    const commit = this.base?.commit;
    if (!commit) return [];
    try {
      return (await git.readTree({ fs, gitdir: this.store.gitdir, oid: commit, filepath: folder, cache: this.store.cache })).tree;
    } catch (error) {
      if (errorCode(error) === 'NotFoundError') return [];
      throw this.failure(error, 'reading');
    }
  }

  private async readBlob(oid: string): Promise<Uint8Array> {
    return (await git.readBlob({ fs, gitdir: this.store.gitdir, oid, cache: this.store.cache })).blob;
  }

  private async readBase(path: string): Promise<InferenceServiceManifest | null> {
    const commit = this.base?.commit;
    if (!commit) return null;
    let bytes: Uint8Array;
    try {
      bytes = (await git.readBlob({ fs, gitdir: this.store.gitdir, oid: commit, filepath: path, cache: this.store.cache })).blob;
    } catch (error) {
      if (errorCode(error) === 'NotFoundError') return null;
      throw this.failure(error, 'reading');
    }
    const parsed = parseManifestFile(new TextDecoder().decode(bytes));
    if (!parsed) {
      throw new MlflowKserveError(
        'git_error',
        `Git target: ${path} is not one InferenceService; fix or remove the file in the repository.`,
        {
          retryable: false,
        },
      );
    }
    return parsed;
  }
}

/** A push refused because the branch moved since the fetch (not because the push is not allowed). */
function movedOn(reason: string): boolean {
  return /non-fast-forward|fetch first|stale info|failed to (update|lock)|cannot lock|reference already exists|incorrect old value/i.test(
    reason,
  );
}
