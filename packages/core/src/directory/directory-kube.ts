import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import type { ApplyPrecondition, KubePort } from '../ports/kube-port.js';
import type { InferenceServiceManifest } from '../render/inference-service-manifest.js';
import { matchesLabelSelector } from '../util/matches-label-selector.js';

/**
 * A {@link KubePort} that keeps one YAML file per InferenceService in a directory
 * (`<dir>/<namespace>/<name>.yaml`), written atomically (temp file + rename) and removed on delete.
 * Useful without a cluster, and for GitOps: commit the directory and let Argo CD or Flux sync it.
 *
 * @example
 * ```ts
 * import { DirectoryKube } from '@mlflow-kserve/core/directory';
 * const kube = new DirectoryKube('./manifests');
 * ```
 */
export class DirectoryKube implements KubePort {
  constructor(readonly directory: string) {}

  private file(namespace: string, name: string): string {
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(namespace) || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) {
      throw new MlflowKserveError(
        'kubernetes_error',
        `Refusing unsafe file name ${namespace}/${name}: namespace and name must be lowercase DNS labels (letters, digits, - and .).`,
        { retryable: false },
      );
    }
    return join(this.directory, namespace, `${name}.yaml`);
  }

  private wrap<T>(what: string, work: () => T): T {
    try {
      return work();
    } catch (cause) {
      if (MlflowKserveError.isInstance(cause)) throw cause;
      const code = (cause as NodeJS.ErrnoException).code ?? 'error';
      throw new MlflowKserveError(
        'kubernetes_error',
        `Directory target: ${what} failed (${code}); check that ${this.directory} is writable.`,
        { cause, retryable: true },
      );
    }
  }

  async apply(manifest: InferenceServiceManifest, _precondition: ApplyPrecondition): Promise<void> {
    const { namespace, name } = manifest.metadata;
    const file = this.file(namespace, name);
    this.wrap(`writing ${file}`, () => {
      mkdirSync(join(this.directory, namespace), { recursive: true });
      const body = structuredClone(manifest);
      delete body.status;
      delete body.metadata['resourceVersion'];
      delete body.metadata['uid'];
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(temp, stringify(body, { lineWidth: 0 }), { mode: 0o644 });
      renameSync(temp, file);
    });
  }

  async delete(namespace: string, name: string): Promise<boolean> {
    const file = this.file(namespace, name);
    return this.wrap(`removing ${file}`, () => {
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
    return this.wrap(`reading ${file}`, () => {
      try {
        return parse(readFileSync(file, 'utf8')) as InferenceServiceManifest;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    });
  }

  async list(namespace: string, labelSelector: string): Promise<InferenceServiceManifest[]> {
    return this.wrap(`listing ${join(this.directory, namespace)}`, () => {
      let names: string[];
      try {
        names = readdirSync(join(this.directory, namespace)).filter((f) => f.endsWith('.yaml'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      return names
        .map((f) => parse(readFileSync(join(this.directory, namespace, f), 'utf8')) as InferenceServiceManifest)
        .filter((o) => matchesLabelSelector(o.metadata?.labels, labelSelector));
    });
  }

  async ping(): Promise<void> {
    this.wrap(`creating ${this.directory}`, () => mkdirSync(this.directory, { recursive: true }));
  }
}
