import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/** Where KServe's full CRD is: `MLFLOW_KSERVE_CRD`, else `../shared/kserve/` beside the repository. */
export function kserveCrdPath(): string {
  const candidates = [process.env['MLFLOW_KSERVE_CRD'], fileURLToPath(new URL('../../shared/kserve/inferenceservices.crd.full.yaml', import.meta.url))].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`KServe's InferenceService CRD not found (looked at ${candidates.join(', ')}). Set MLFLOW_KSERVE_CRD to inferenceservices.crd.full.yaml.`);
  return found;
}

type Schema = Record<string, unknown>;

// Make the structural schema behave like `fieldValidation: Strict`: an undeclared field is an error
// (Kubernetes would otherwise prune it silently), except where the CRD preserves unknown fields.
function strict(schema: Schema): Schema {
  const copy: Schema = { ...schema };
  if (copy['properties'] && typeof copy['properties'] === 'object') {
    copy['properties'] = Object.fromEntries(Object.entries(copy['properties'] as Record<string, Schema>).map(([k, v]) => [k, strict(v)]));
    if (!copy['x-kubernetes-preserve-unknown-fields'] && copy['additionalProperties'] === undefined) copy['additionalProperties'] = false;
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    if (copy[key] && typeof copy[key] === 'object') copy[key] = strict(copy[key] as Schema);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(copy[key])) copy[key] = (copy[key] as Schema[]).map(strict);
  }
  return copy;
}

let cached: ValidateFunction | undefined;

/**
 * A validator for `serving.kserve.io/v1beta1` InferenceServices from KServe's full CRD, with unknown
 * fields rejected as the API server does under strict field validation. `metadata` is checked by the API
 * server itself, not by the CRD schema.
 */
export function inferenceServiceValidator(): ValidateFunction {
  if (cached) return cached;
  const crd = parse(readFileSync(kserveCrdPath(), 'utf8')) as { spec: { versions: { name: string; schema: { openAPIV3Schema: Schema } }[] } };
  const version = crd.spec.versions.find((v) => v.name === 'v1beta1');
  if (!version) throw new Error('The CRD has no v1beta1 version.');
  const ajv = new Ajv({ strict: false, allErrors: true });
  cached = ajv.compile(strict(version.schema.openAPIV3Schema));
  return cached;
}
