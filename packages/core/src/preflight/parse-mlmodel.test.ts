import { describe, expect, it } from 'vitest';
import { mlmodelFixture } from '../../../../test/fixtures.js';
import { MlmodelUnreadable, parseMlmodel } from './parse-mlmodel.js';

describe('parseMlmodel', () => {
  it("MLflow 3.17's MLmodel of a scikit-learn model (default skops) → flavors, sklearn, versions, the compact signature", () => {
    const m = parseMlmodel(mlmodelFixture('sklearn-skops'));
    expect(m.flavors).toEqual(['python_function', 'sklearn']);
    expect(m.flavor).toBe('sklearn');
    expect(m.pythonVersion).toBe('3.11.7');
    expect(m.mlflowVersion).toBe('3.17.2');
    expect(m.signatureInputs).toBe('sepal length (cm):double,sepal width (cm):double,petal length (cm):double,petal width (cm):double');
    expect(m.external).toBe(false);
    expect(m.flavorSettings['sklearn']).toMatchObject({
      serialization_format: 'skops',
      pickled_model: 'model.skops',
      sklearn_version: '1.9.1',
    });
  });

  it('a pickled scikit-learn model → serialization_format pickle, pickled_model model.pkl', () => {
    expect(parseMlmodel(mlmodelFixture('sklearn-pickle')).flavorSettings['sklearn']).toMatchObject({
      serialization_format: 'pickle',
      pickled_model: 'model.pkl',
    });
  });

  it('a pyfunc PythonModel → python_function is the flavor', () => {
    const m = parseMlmodel(mlmodelFixture('pyfunc'));
    expect([m.flavors, m.flavor, m.signatureInputs]).toEqual([['python_function'], 'python_function', 'text:string']);
  });

  it('a tensor signature → name:dtype[shape]', () => {
    const text = `flavors: {python_function: {}}\nsignature:\n  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 4]}}]'\n`;
    expect(parseMlmodel(text).signatureInputs).toBe('tensor:float64[-1,4]');
  });

  it('metadata mlflow.model.isExternal: true → external', () => {
    expect(parseMlmodel('flavors: {python_function: {}}\nmetadata: {mlflow.model.isExternal: true}\n').external).toBe(true);
  });

  it('a signature that is not JSON, or no signature → empty signatureInputs, no error', () => {
    expect(parseMlmodel("flavors: {python_function: {}}\nsignature: {inputs: 'not json'}\n").signatureInputs).toBe('');
    expect(parseMlmodel('flavors: {python_function: {}}\n').signatureInputs).toBe('');
  });

  it('no flavors, flavors not a mapping, a list, or not YAML → MlmodelUnreadable', () => {
    for (const text of ['mlflow_version: 3.17.2\n', 'flavors: [a, b]\n', '- a\n', 'flavors: {a: [\n', '']) {
      expect(() => parseMlmodel(text), text).toThrow(MlmodelUnreadable);
    }
  });

  it('an anchor PyYAML wrote for a shared value → read through the alias', () => {
    const text = 'flavors:\n  python_function: &env {python_version: 3.11.7}\n  custom: *env\n';
    expect(parseMlmodel(text).pythonVersion).toBe('3.11.7');
  });

  it('aliases that expand exponentially (a billion-laughs file) → MlmodelUnreadable, not an expansion', () => {
    const levels = Array.from({ length: 12 }, (_, i) => `l${i + 1}: &l${i + 1} [*l${i}, *l${i}, *l${i}, *l${i}]`);
    const bomb = ['l0: &l0 [x, x, x, x]', ...levels, 'flavors: {python_function: {}}', ''].join('\n');
    expect(() => parseMlmodel(bomb)).toThrow(MlmodelUnreadable);
  });
});
