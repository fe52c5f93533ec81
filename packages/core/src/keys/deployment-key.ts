/**
 * What should exist, named by MLflow: a model version (`{model, version}`) or a model alias
 * (`{model, alias}`). Every trigger (webhook, reconcile, watch, CLI) reduces to keys, and `converge` takes
 * one key at a time. This file imports nothing: everything else about a key stands above it.
 */
export type DeploymentKey = { kind: 'version'; model: string; version: string } | { kind: 'alias'; model: string; alias: string };

/** A key of one kind. */
export type KeyOf<K extends DeploymentKey['kind']> = Extract<DeploymentKey, { kind: K }>;

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
