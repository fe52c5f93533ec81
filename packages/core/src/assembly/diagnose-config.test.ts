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

  it('a Git target with canary steps or a canary share → refused, naming the setting to unset; without → no problem', async () => {
    const git = { ...env, MLFLOW_KSERVE_KUBE_TARGET: 'git:https://git.example.com/d.git' };
    expect(await runtimeProblems(loadConfig(git))).toEqual([]);
    const steps = await runtimeProblems(loadConfig({ ...git, MLFLOW_KSERVE_CANARY_STEPS: '10,50' }));
    expect(steps).toEqual([expect.stringMatching(/Unset MLFLOW_KSERVE_CANARY_STEPS with MLFLOW_KSERVE_KUBE_TARGET=git/)]);
    const share = await runtimeProblems(loadConfig({ ...git, MLFLOW_KSERVE_CANARY_TRAFFIC_PERCENT: '10' }));
    expect(share).toEqual([expect.stringMatching(/Unset MLFLOW_KSERVE_CANARY_TRAFFIC_PERCENT/)]);
  });

  it('git_status_from_cluster without a Git target → refused, naming the setting; with a Git target and a kubeconfig that does not exist → the client problem', async () => {
    const cluster = await runtimeProblems(loadConfig({ ...env, MLFLOW_KSERVE_GIT_STATUS_FROM_CLUSTER: 'true' }), { kubeGiven: true });
    expect(cluster).toEqual([expect.stringMatching(/MLFLOW_KSERVE_GIT_STATUS_FROM_CLUSTER applies to a Git target only/)]);
    const git = {
      ...env,
      MLFLOW_KSERVE_KUBE_TARGET: 'git:https://git.example.com/d.git',
      MLFLOW_KSERVE_GIT_STATUS_FROM_CLUSTER: 'true',
      MLFLOW_KSERVE_KUBE_IN_CLUSTER: 'true',
    };
    expect(await runtimeProblems(loadConfig(git), { env: {} })).toEqual([expect.stringMatching(/not running in a pod/)]);
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

describe('runtimeProblems, canary rollouts', () => {
  const standard = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: {{name}}
  namespace: {{namespace}}
  annotations:
    serving.kserve.io/deploymentMode: Standard
spec:
  predictor:
    model:
      modelFormat:
        name: mlflow
      storageUri: {{storage_uri}}
`;
  const base = { mlflow_webhook_secret: 's', mlflow_tracking_uri: 'http://mlflow:5000', kube_target: 'dir:/tmp/x' };

  it('canary steps with a template in Standard mode → refused, naming both settings and what to do', async () => {
    const config = loadConfig({}, { ...base, canary_steps: '10,50', inference_service_template: standard });
    const problems = await runtimeProblems(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('MLFLOW_KSERVE_CANARY_STEPS');
    expect(problems[0]).toContain('deploymentMode: Standard');
    expect(problems[0]).toContain('MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE');
  });

  it('the same template without canary, or canary with the built-in template → no problem', async () => {
    expect(await runtimeProblems(loadConfig({}, { ...base, inference_service_template: standard }))).toEqual([]);
    expect(await runtimeProblems(loadConfig({}, { ...base, canary_traffic_percent: '10' }))).toEqual([]);
  });

  it('analysis checks that do not parse → the problem names the check', async () => {
    const config = loadConfig({}, { ...base, canary_checks: '- name: errors\n  query: sum(x)\n' });
    expect((await runtimeProblems(config))[0]).toContain('check errors has neither min nor max');
  });
});
