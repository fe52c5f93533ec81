/**
 * `@mlflow-kserve/core/git`: a {@link KubePort} committing one YAML file per InferenceService to a Git repository.
 * @packageDocumentation
 */
export type { ChangeCause } from './ports/change-cause.js';
export { commitMessage, type FileChange } from './git/commit-message.js';
export { createGitKube } from './git/create-git-kube.js';
export { GitKube, type GitKubeOptions } from './git/git-kube.js';
