import type { Mlmodel } from './parse-mlmodel.js';

/** What a KServe model format's runtime needs of an MLflow model's files, checked against its `MLmodel`. */
export interface FormatRule {
  /** The flavor the runtime loads. */
  flavor: string;
  /** Why the runtime could not load this model's files as MLflow saved them; `undefined` when it can. */
  problem(mlmodel: Mlmodel): string | undefined;
}

const missing = (format: string, flavor: string, mlmodel: Mlmodel) =>
  `model format "${format}" needs the "${flavor}" flavor, but the model was saved with: ${mlmodel.flavors.length > 0 ? mlmodel.flavors.join(', ') : 'none'}`;

/**
 * The model formats whose loaders were checked against MLflow's writers (sources cited in docs/preflight.md):
 *
 * - `mlflow`: MLServer's MLflow runtime loads the folder with `mlflow.pyfunc.load_model`, which refuses a model without
 *   the `python_function` flavor (MLflow 3.17, `mlflow/pyfunc/__init__.py`).
 * - `sklearn`: KServe's sklearnserver (v0.20, `python/sklearnserver/sklearnserver/model.py`) loads the one `.joblib`,
 *   `.pkl` or `.pickle` file of the folder with `joblib.load`; MLServer's sklearn runtime loads `model.joblib`,
 *   `model.pickle` or `model.pkl` the same way. MLflow's sklearn flavor writes `model.pkl` with
 *   `serialization_format` pickle or cloudpickle (both load with joblib), but `model.skops` with skops — MLflow 3's
 *   default outside Databricks (`mlflow/sklearn/__init__.py`), which neither loads.
 *
 * @example
 * ```ts
 * formatRules['sklearn']!.problem(parseMlmodel(text)); // 'the sklearn flavor was saved as skops (model.skops): …'
 * ```
 */
export const formatRules: Record<string, FormatRule> = {
  mlflow: {
    flavor: 'python_function',
    problem: (m) => (m.flavors.includes('python_function') ? undefined : missing('mlflow', 'python_function', m)),
  },
  sklearn: {
    flavor: 'sklearn',
    problem: (m) => {
      const settings = m.flavorSettings['sklearn'];
      if (!settings) return missing('sklearn', 'sklearn', m);
      const format = settings['serialization_format'] ?? 'cloudpickle';
      if (format === 'pickle' || format === 'cloudpickle') return undefined;
      return `the sklearn flavor was saved as ${format} (${settings['pickled_model'] ?? 'model.' + format}): KServe's sklearn runtimes load model.pkl or model.joblib with joblib; log it with serialization_format="cloudpickle" or "pickle", or serve it as format mlflow`;
    },
  },
};
