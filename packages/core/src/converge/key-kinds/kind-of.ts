import type { DeploymentKey } from '../deployment-key.js';
import { aliasKind } from './alias-kind.js';
import type { KeyKind } from './key-kind.js';
import { versionKind } from './version-kind.js';

/** Every kind of deployment key, most specific first (an alias service also records a version). */
export const keyKinds: readonly KeyKind[] = [aliasKind as unknown as KeyKind, versionKind as unknown as KeyKind];

/**
 * The kind that knows how to name, read, record and list `key`.
 *
 * @example
 * ```ts
 * kindOf(aliasKey('iris', 'champion')).serviceName(aliasKey('iris', 'champion'), 'kserve-mlflow-models'); // 'mlflow-iris-champion'
 * ```
 */
export function kindOf(key: DeploymentKey): KeyKind {
  const kind = keyKinds.find((k) => k.kind === key.kind);
  if (!kind) throw new Error(`unknown deployment key kind ${String((key as { kind: unknown }).kind)}`);
  return kind;
}
