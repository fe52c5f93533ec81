import { describe, expect, it } from 'vitest';
import { mlmodelFixture } from '../../../../test/fixtures.js';
import { formatRules } from './format-rules.js';
import { parseMlmodel } from './parse-mlmodel.js';

const skops = parseMlmodel(mlmodelFixture('sklearn-skops'));
const pickled = parseMlmodel(mlmodelFixture('sklearn-pickle'));
const pyfunc = parseMlmodel(mlmodelFixture('pyfunc'));

describe('formatRules', () => {
  it('mlflow → every model with python_function loads (scikit-learn in any serialization, pyfunc)', () => {
    expect([skops, pickled, pyfunc].map((m) => formatRules['mlflow']!.problem(m))).toEqual([undefined, undefined, undefined]);
  });

  it('sklearn → a pickled (model.pkl) scikit-learn model loads; cloudpickle too', () => {
    expect(formatRules['sklearn']!.problem(pickled)).toBeUndefined();
    const cloudpickle = parseMlmodel('flavors:\n  sklearn: {pickled_model: model.pkl, serialization_format: cloudpickle}\n');
    expect(formatRules['sklearn']!.problem(cloudpickle)).toBeUndefined();
  });

  it("sklearn → MLflow 3's default skops (model.skops) does not load: the reason and what to do", () => {
    expect(formatRules['sklearn']!.problem(skops)).toBe(
      `the sklearn flavor was saved as skops (model.skops): KServe's sklearn runtimes load model.pkl or model.joblib with joblib; log it with serialization_format="cloudpickle" or "pickle", or serve it as format mlflow`,
    );
  });

  it('sklearn → a model without the sklearn flavor names the flavors it has', () => {
    expect(formatRules['sklearn']!.problem(pyfunc)).toBe(
      'model format "sklearn" needs the "sklearn" flavor, but the model was saved with: python_function',
    );
  });
});
