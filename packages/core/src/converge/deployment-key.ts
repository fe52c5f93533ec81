import { kindOf } from './key-kinds/kind-of.js';

/**
 * What should exist, named by MLflow: a model version (`{model, version}`) or a model alias
 * (`{model, alias}`). Every trigger (webhook, reconcile, CLI) reduces to keys, and {@link converge} takes
 * one key at a time.
 */
export type DeploymentKey = { kind: 'version'; model: string; version: string } | { kind: 'alias'; model: string; alias: string };

/**
 * The key of a model version.
 *
 * @example
 * ```ts
 * versionKey('iris-classifier', '3'); // { kind: 'version', model: 'iris-classifier', version: '3' }
 * ```
 */
export function versionKey(model: string, version: string): DeploymentKey {
  return { kind: 'version', model, version };
}

/**
 * The key of a model alias.
 *
 * @example
 * ```ts
 * aliasKey('iris-classifier', 'champion'); // { kind: 'alias', model: 'iris-classifier', alias: 'champion' }
 * ```
 */
export function aliasKey(model: string, alias: string): DeploymentKey {
  return { kind: 'alias', model, alias };
}

/**
 * A key as people write it: `iris-classifier/3` or `iris-classifier@champion`. Also unique per key, so it
 * serves as a map key.
 *
 * @example
 * ```ts
 * describeKey(aliasKey('iris', 'champion')); // 'iris@champion'
 * ```
 */
export function describeKey(key: DeploymentKey): string {
  return kindOf(key).describe(key);
}
