import { describe, expect, it } from 'vitest';
import { diagnoseConfig, runtimeProblems } from './diagnose-config.js';
import { loadConfig } from '../config/load-config.js';
import { defaultTemplate } from '../render/default-template.js';

const env = {
  MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'secret',
  MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow:5000',
  MLFLOW_KSERVE_KUBE_TARGET: 'dir:/tmp/manifests',
};

describe('runtimeProblems', () => {
  it('built-in template, MLflow and a directory target → no problem', async () => {
    expect(await runtimeProblems(loadConfig(env))).toEqual([]);
  });

  it('the built-in template given inline → no problem', async () => {
    const config = loadConfig({ ...env, MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE: defaultTemplate });
    expect(await runtimeProblems(config)).toEqual([]);
  });

  it('an inline template with a fixed name → the render problem', async () => {
    const config = loadConfig({
      ...env,
      MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE: defaultTemplate.replace('name: {{name}}', 'name: fixed'),
    });
    expect(await runtimeProblems(config)).toEqual([expect.stringMatching(/^Invalid InferenceService template: metadata.name must be/)]);
  });

  it('a template file that does not exist → a problem naming the file and the variable', async () => {
    const config = loadConfig({ ...env, MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE: '/nonexistent/isvc.yaml' });
    const problems = await runtimeProblems(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/Cannot read the InferenceService template file/);
    expect(problems[0]).toMatch(/\/nonexistent\/isvc\.yaml, from MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE/);
  });

  it('no tracking URI outside development → the MLFLOW_TRACKING_URI problem; in development → none', async () => {
    const config = loadConfig({ ...env, MLFLOW_KSERVE_MLFLOW_TRACKING_URI: undefined });
    expect(await runtimeProblems(config)).toEqual([expect.stringMatching(/^MLFLOW_KSERVE_MLFLOW_TRACKING_URI is required/)]);
    expect(await runtimeProblems(config, { development: true })).toEqual([]);
  });
});

describe('diagnoseConfig', () => {
  it('a misspelled variable → a warning with the closest setting', async () => {
    const { config, warnings } = await diagnoseConfig({ ...env, MLFLOW_KSERVE_KUBE_NAMESPAC: 'models' });
    expect(config).toBeDefined();
    expect(warnings).toEqual([expect.stringMatching(/MLFLOW_KSERVE_KUBE_NAMESPAC .*did you mean MLFLOW_KSERVE_KUBE_NAMESPACE\?/)]);
  });

  it('a broken template and no tracking URI → both problems at once, no config', async () => {
    const { config, problems } = await diagnoseConfig({
      ...env,
      MLFLOW_KSERVE_MLFLOW_TRACKING_URI: undefined,
      MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE: 'apiVersion: [',
    });
    expect(config).toBeUndefined();
    expect(problems).toHaveLength(2);
  });
});
