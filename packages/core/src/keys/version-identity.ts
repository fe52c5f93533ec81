import { inferenceServiceName } from '../naming/inference-service-name.js';
import { Ownership } from './ownership-annotations.js';
import type { KeyIdentity } from './key-identity.js';

/**
 * A model version tagged for deployment: `mlflow-{model}-v{version}`, recorded by the model and version
 * annotations, its status on the version's own tags (`kserve.status`, …).
 */
export const versionIdentity: KeyIdentity<'version'> = {
  kind: 'version',
  describe: (key) => `${key.model}/${key.version}`,
  describeOwner: (key) => `model ${JSON.stringify(key.model)} version ${JSON.stringify(key.version)}`,
  serviceName: (key, namespace) => inferenceServiceName(key.model, key.version, { namespace }),
  ownerAnnotations: () => ({}),
  ownerAnnotationNames: [],
  fromAnnotations: (annotations) => {
    const model = annotations[Ownership.modelAnnotation];
    const version = annotations[Ownership.versionAnnotation];
    return model !== undefined && version !== undefined && annotations[Ownership.aliasAnnotation] === undefined
      ? { kind: 'version', model, version }
      : undefined;
  },
  templateValues: () => ({}),
  followsMovingTarget: false,
  statusPlace: (key, prefix) => ({
    on: { model: key.model, version: key.version },
    tags: {
      status: `${prefix}status`,
      url: `${prefix}url`,
      inferenceService: `${prefix}inference_service`,
      message: `${prefix}message`,
      updatedAt: `${prefix}updated_at`,
      manifest: `${prefix}manifest`,
      commit: `${prefix}commit`,
    },
  }),
};
