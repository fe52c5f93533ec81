import { aliasServiceName } from '../naming/alias-service-name.js';
import { Ownership } from './ownership-annotations.js';
import type { KeyIdentity } from './key-identity.js';

/**
 * A model alias listed in `MLFLOW_KSERVE_DEPLOY_ALIASES`: one stable `mlflow-{model}-{alias}` that follows
 * the alias from version to version, recorded by the alias annotation, its status on the registered
 * model (`kserve.<alias>.status`, `.url`, `.inference_service`, `.version`, `.message`, `.updated_at`).
 */
export const aliasIdentity: KeyIdentity<'alias'> = {
  kind: 'alias',
  describe: (key) => `${key.model}@${key.alias}`,
  describeOwner: (key) => `model ${JSON.stringify(key.model)} alias ${JSON.stringify(key.alias)}`,
  serviceName: (key, namespace) => aliasServiceName(key.model, key.alias, { namespace }),
  ownerAnnotations: (key) => ({ [Ownership.aliasAnnotation]: key.alias }),
  ownerAnnotationNames: [Ownership.aliasAnnotation],
  fromAnnotations: (annotations) => {
    const model = annotations[Ownership.modelAnnotation];
    const alias = annotations[Ownership.aliasAnnotation];
    return model !== undefined && alias !== undefined ? { kind: 'alias', model, alias } : undefined;
  },
  templateValues: (key) => ({ alias: key.alias }),
  followsMovingTarget: true,
  statusPlace: (key, prefix) => {
    const base = `${prefix}${key.alias}.`;
    return {
      on: { model: key.model },
      tags: {
        status: `${base}status`,
        url: `${base}url`,
        inferenceService: `${base}inference_service`,
        message: `${base}message`,
        updatedAt: `${base}updated_at`,
        servedVersion: `${base}version`,
        manifest: `${base}manifest`,
        commit: `${base}commit`,
        rollout: `${base}rollout`,
      },
    };
  },
};
