import { parse } from 'yaml';

/** What the listener reads from a model's `MLmodel` file. */
export interface Mlmodel {
  /** The flavors MLflow saved, in the file's order (`python_function`, `sklearn`, …). */
  flavors: string[];
  /** The framework flavor (the first that is not `python_function`), else `python_function`; `''` when none. */
  flavor: string;
  /** `python_function.python_version`; `''` when not given. */
  pythonVersion: string;
  /** `mlflow_version`; `''` when not given. */
  mlflowVersion: string;
  /** The input signature, compact: `sepal_length:double,species:string` or `tensor:float64[-1,4]`; `''` without one. */
  signatureInputs: string;
  /** MLflow marked the artifacts as stored outside the model's folder (`metadata["mlflow.model.isExternal"]`). */
  external: boolean;
  /** Each flavor's scalar settings as text (`sklearn.serialization_format: skops`, `sklearn.pickled_model: model.skops`, …). */
  flavorSettings: Record<string, Record<string, string>>;
}

/** An `MLmodel` that is not the YAML mapping MLflow writes. */
export class MlmodelUnreadable extends Error {
  override readonly name = 'MlmodelUnreadable';
}

/**
 * Reads the parts of an `MLmodel` file (MLflow's model metadata, YAML) that decide where and how a model can be
 * served. Unknown fields are ignored; a signature that is not the JSON MLflow writes leaves `signatureInputs`
 * empty rather than failing.
 *
 * @throws MlmodelUnreadable when the text is not YAML or has no `flavors` mapping.
 * @example
 * ```ts
 * parseMlmodel('flavors:\n  python_function: {python_version: 3.11.9}\n  sklearn: {pickled_model: model.pkl}\nmlflow_version: 3.17.2\n');
 * // { flavors: ['python_function', 'sklearn'], flavor: 'sklearn', pythonVersion: '3.11.9', mlflowVersion: '3.17.2', … }
 * ```
 */
export function parseMlmodel(text: string): Mlmodel {
  let doc: unknown;
  try {
    // PyYAML's safe_dump (MLflow's writer) may emit anchors for shared values; the parser's alias budget (100
    // expansions) keeps a hostile file from expanding into gigabytes.
    doc = parse(text, { maxAliasCount: 100, prettyErrors: false });
  } catch {
    throw new MlmodelUnreadable('MLmodel is not valid YAML');
  }
  if (!isRecord(doc) || !isRecord(doc['flavors'])) throw new MlmodelUnreadable('MLmodel has no "flavors" mapping');
  const flavorConfig = doc['flavors'];
  const flavors = Object.keys(flavorConfig);
  const pyfunc = flavorConfig['python_function'];
  const metadata = isRecord(doc['metadata']) ? doc['metadata'] : {};
  return {
    flavors,
    flavor: flavors.find((f) => f !== 'python_function') ?? (flavors.includes('python_function') ? 'python_function' : ''),
    pythonVersion: isRecord(pyfunc) ? scalar(pyfunc['python_version']) : '',
    mlflowVersion: scalar(doc['mlflow_version']),
    signatureInputs: isRecord(doc['signature']) ? compactInputs(doc['signature']['inputs']) : '',
    external: metadata['mlflow.model.isExternal'] === true || metadata['mlflow.model.isExternal'] === 'true',
    flavorSettings: Object.fromEntries(
      flavors.map((f) => {
        const settings = flavorConfig[f];
        const scalars = isRecord(settings) ? Object.entries(settings).filter(([, v]) => scalar(v) !== '') : [];
        return [f, Object.fromEntries(scalars.map(([k, v]) => [k, scalar(v)]))];
      }),
    ),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** MLflow stores `signature.inputs` as a JSON string: a list of column specs or tensor specs. */
function compactInputs(inputs: unknown): string {
  if (typeof inputs !== 'string') return '';
  let specs: unknown;
  try {
    specs = JSON.parse(inputs);
  } catch {
    return '';
  }
  if (!Array.isArray(specs)) return '';
  return specs
    .filter(isRecord)
    .map((spec) => {
      const tensor = spec['tensor-spec'];
      if (spec['type'] === 'tensor' && isRecord(tensor)) {
        const shape = Array.isArray(tensor['shape']) ? `[${tensor['shape'].join(',')}]` : '';
        return `${spec['name'] === undefined ? 'tensor' : scalar(spec['name'])}:${scalar(tensor['dtype'])}${shape}`;
      }
      const type = typeof spec['type'] === 'string' ? spec['type'] : 'object';
      return spec['name'] === undefined ? type : `${scalar(spec['name'])}:${type}`;
    })
    .join(',');
}
