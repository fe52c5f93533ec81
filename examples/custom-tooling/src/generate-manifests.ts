import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTemplate, inferenceServiceName, renderManifest, templateValuesFor } from '@mlflow-kserve/core';

/** One model version to render, e.g. from a CI job's release list. */
export interface Release {
  model: string;
  version: string;
  storageUri: string;
}

/**
 * Renders one InferenceService YAML file per release into `outDir/<namespace>/<name>.yaml`, the same way
 * the listener would, with nothing but `@mlflow-kserve/core`'s pure functions (no cluster, no MLflow).
 */
export function generateManifests(releases: readonly Release[], outDir: string, namespace = 'kserve-mlflow-models'): string[] {
  mkdirSync(join(outDir, namespace), { recursive: true });
  return releases.map((release) => {
    const name = inferenceServiceName(release.model, release.version, { namespace });
    const { yaml } = renderManifest(
      defaultTemplate,
      templateValuesFor({
        name,
        namespace,
        modelName: release.model,
        modelVersion: release.version,
        storageUri: release.storageUri,
        resources: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '512Mi', memoryLimit: '2Gi' },
      }),
    );
    const file = join(outDir, namespace, `${name}.yaml`);
    writeFileSync(file, yaml);
    return file;
  });
}
