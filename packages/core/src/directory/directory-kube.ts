import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { ApplyPrecondition, KubePort } from '../ports/kube-port.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { toYaml } from '../render/to-yaml.js';
import { matchesLabelSelector } from '../util/matches-label-selector.js';
import { fileBody, manifestFileName, parseManifestFile } from './manifest-file.js';

const tempSuffix = /\.yaml\.\d+\.\d+\.tmp$/;

/** Options of {@link DirectoryKube}. */
export interface DirectoryKubeOptions {
  /** Told about files `list` skipped (unparseable, not one InferenceService), by name. */
  onWarning?: (message: string) => void;
}

/**
 * A {@link KubePort} that keeps one YAML file per InferenceService in a directory
 * (`<dir>/<namespace>/<name>.yaml`), written atomically (temp file + rename) and removed on delete. The
 * YAML quotes every string a YAML 1.1 or 1.2 reader could mistake for another type, so kubectl and GitOps
 * agents read it as written. A file that vanishes while listing is skipped; one that does not parse as a
 * single InferenceService is skipped and reported by name (`warnings()`, `onWarning`); temp files left by
 * a crash are ignored and removed. Useful without a cluster, and for GitOps: commit the directory and let
 * Argo CD or Flux sync it.
 *
 * @example
 * ```ts
 * import { DirectoryKube } from '@mlflow-kserve/core/directory';
 * const kube = new DirectoryKube('./manifests');
 * ```
 */
export class DirectoryKube implements KubePort {
  private lastWarnings: string[] = [];
  private cleaned = new Set<string>();

  constructor(
    readonly directory: string,
    private readonly options: DirectoryKubeOptions = {},
  ) {}

  private file(namespace: string, name: string): string {
    return join(this.directory, manifestFileName(namespace, name, 'kubernetes_error'));
  }

  private wrap<T>(what: string, work: () => T): T {
    try {
      return work();
    } catch (cause) {
      if (MlflowKserveError.isInstance(cause)) throw cause;
      const code = (cause as NodeJS.ErrnoException).code ?? 'error';
      // The message names the file relative to the target, never an absolute path.
      throw new MlflowKserveError(
        'kubernetes_error',
        `Directory target: ${what} failed (${code}); check that the directory of MLFLOW_KSERVE_KUBE_TARGET exists and is writable.`,
        { retryable: true, details: { errno: code } },
      );
    }
  }

  /** Removes temp files a killed writer left in a namespace folder (once per folder and process). */
  private clean(namespace: string): void {
    if (this.cleaned.has(namespace)) return;
    this.cleaned.add(namespace);
    try {
      for (const f of readdirSync(join(this.directory, namespace)))
        if (tempSuffix.test(f)) rmSync(join(this.directory, namespace, f), { force: true });
    } catch {
      // Nothing to clean (no folder yet) or not allowed: temp files are ignored by list anyway.
    }
  }

  async apply(manifest: InferenceServiceManifest, _precondition: ApplyPrecondition): Promise<void> {
    const { namespace, name } = manifest.metadata;
    const file = this.file(namespace, name);
    this.wrap(`writing ${namespace}/${name}.yaml`, () => {
      mkdirSync(join(this.directory, namespace), { recursive: true });
      this.clean(namespace);
      const body = fileBody(manifest);
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(temp, toYaml(body), { mode: 0o644 });
      renameSync(temp, file);
    });
  }

  async delete(namespace: string, name: string): Promise<boolean> {
    const file = this.file(namespace, name);
    return this.wrap(`removing ${namespace}/${name}.yaml`, () => {
      try {
        rmSync(file);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    });
  }

  async get(namespace: string, name: string): Promise<InferenceServiceManifest | null> {
    const file = this.file(namespace, name);
    return this.wrap(`reading ${namespace}/${name}.yaml`, () => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const parsed = parseManifestFile(text);
      if (!parsed) {
        throw new MlflowKserveError(
          'kubernetes_error',
          `Directory target: ${namespace}/${name}.yaml is not one InferenceService; fix or remove the file.`,
          {
            retryable: false,
          },
        );
      }
      return parsed;
    });
  }

  async list(namespace: string, labelSelector: string): Promise<InferenceServiceManifest[]> {
    const warnings: string[] = [];
    const items = this.wrap(`listing ${namespace}/`, () => {
      let names: string[];
      try {
        names = readdirSync(join(this.directory, namespace)).filter((f) => f.endsWith('.yaml'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const found: InferenceServiceManifest[] = [];
      for (const f of names) {
        let text: string;
        try {
          text = readFileSync(join(this.directory, namespace, f), 'utf8');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed since readdir
          throw error;
        }
        const parsed = parseManifestFile(text);
        if (!parsed) {
          warnings.push(`${namespace}/${f} is not one InferenceService and was skipped`);
          continue;
        }
        if (matchesLabelSelector(parsed.metadata.labels, labelSelector)) found.push(parsed);
      }
      return found;
    });
    this.lastWarnings = warnings;
    for (const w of warnings) this.options.onWarning?.(w);
    return items;
  }

  warnings(): string[] {
    return [...this.lastWarnings];
  }

  /** Readiness: the directory exists (it is created) and a file can be written and removed in it. */
  async ping(): Promise<void> {
    this.wrap('checking the target directory', () => {
      mkdirSync(this.directory, { recursive: true });
      const probe = join(this.directory, `.mlflow-kserve-probe.${process.pid}`);
      writeFileSync(probe, '');
      rmSync(probe, { force: true });
    });
  }
}
