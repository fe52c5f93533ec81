/**
 * `@mlflow-kserve/core/directory`: a {@link KubePort} writing one YAML file per InferenceService.
 * @packageDocumentation
 */
export { DirectoryKube } from './directory/directory-kube.js';
