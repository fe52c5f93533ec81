import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusWritebackEnabled } from '../status/status-writeback-enabled.js';
import { defaultTemplate } from '../render/default-template.js';
import { MlflowKserveError } from '../errors/mlflow-kserve-error.js';
import { loadConfig } from './load-config.js';
import { kubeTargetForLogs } from './kube-target.js';
import { loadTemplate } from './load-template.js';
import { redactConfig } from './redact-config.js';

const minimal = { MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'whsec-1', MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://mlflow:5000' };

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (MlflowKserveError.isInstance(err)) return err.message;
    throw err;
  }
  return '';
}

describe('loadConfig', () => {
  it('minimal env → the spec defaults', () => {
    expect(loadConfig(minimal)).toMatchObject({
      app_host: '0.0.0.0',
      app_port: 8000,
      kube_namespace: 'kserve-mlflow-models',
      kube_in_cluster: true,
      predictor_cpu_request: '100m',
      predictor_cpu_limit: '1',
      predictor_memory_request: '512Mi',
      predictor_memory_limit: '2Gi',
      log_level: 'INFO',
      replay_tolerance_seconds: 300,
      deploy_tag_key: 'deploy',
      deploy_tag_values: ['true'],
      mlflow_webhook_previous_secrets: [],
      preflight: 'on',
      runtime_by_flavor: {},
    });
  });

  it('MLFLOW_KSERVE_RUNTIME_BY_FLAVOR=sklearn=sklearn → the mapping; a pair not offered (xgboost=xgboost, sklearn=mlflow) → refused naming the setting and what is offered', () => {
    expect(loadConfig({ ...minimal, MLFLOW_KSERVE_RUNTIME_BY_FLAVOR: ' sklearn = sklearn ' }).runtime_by_flavor).toEqual({
      sklearn: 'sklearn',
    });
    for (const value of ['xgboost=xgboost', 'sklearn=mlflow', 'sklearn', 'a=b=c']) {
      expect(problemsOf({ ...minimal, MLFLOW_KSERVE_RUNTIME_BY_FLAVOR: value }), value).toMatch(
        /MLFLOW_KSERVE_RUNTIME_BY_FLAVOR ".+" is not offered: each entry is flavor=format, one of sklearn=sklearn/,
      );
    }
  });

  it('MLFLOW_KSERVE_PREFLIGHT other than on/off → refused naming the setting', () => {
    expect(problemsOf({ ...minimal, MLFLOW_KSERVE_PREFLIGHT: 'maybe' })).toMatch(/MLFLOW_KSERVE_PREFLIGHT.*must be on or off/);
  });

  it('lower-case variable names and typed values → parsed', () => {
    const config = loadConfig({
      ...minimal,
      mlflow_kserve_app_port: '9000',
      MLFLOW_KSERVE_KUBE_IN_CLUSTER: 'false',
      MLFLOW_KSERVE_LOG_LEVEL: 'warn',
      MLFLOW_KSERVE_MLFLOW_WEBHOOK_PREVIOUS_SECRETS: 'a, b',
    });
    expect(config).toMatchObject({
      app_port: 9000,
      kube_in_cluster: false,
      log_level: 'WARNING',
      mlflow_webhook_previous_secrets: ['a', 'b'],
    });
  });

  it('several problems → all reported at once, each naming its variable', () => {
    const message = problemsOf({
      MLFLOW_KSERVE_APP_PORT: 'abc',
      MLFLOW_KSERVE_KUBE_NAMESPACE: 'Bad_NS',
      MLFLOW_KSERVE_PREDICTOR_CPU_LIMIT: 'lots',
    });
    expect(message).toContain('MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET is required');
    expect(message).toContain('MLFLOW_KSERVE_APP_PORT');
    expect(message).toContain('MLFLOW_KSERVE_KUBE_NAMESPACE must be a Kubernetes namespace name');
    expect(message).toContain('MLFLOW_KSERVE_PREDICTOR_CPU_LIMIT must be a Kubernetes quantity');
  });

  it('invalid tracking URI → error without echoing secrets', () => {
    const message = problemsOf({ MLFLOW_KSERVE_MLFLOW_WEBHOOK_SECRET: 'super-secret-value', MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'ftp://x' });
    expect(message).toContain('MLFLOW_KSERVE_MLFLOW_TRACKING_URI must be an http(s) URL');
    expect(message).not.toContain('super-secret-value');
  });

  it('overrides → win over the environment', () => {
    expect(loadConfig(minimal, { app_port: 1234 }).app_port).toBe(1234);
  });

  it('unrelated variables → ignored', () => {
    expect(() => loadConfig({ ...minimal, MLFLOW_KSERVE_SOMETHING_ELSE: 'x', PATH: '/bin' })).not.toThrow();
  });
});

describe('loadConfig, aliases and canary', () => {
  it('DEPLOY_ALIASES=champion, challenger → a trimmed list; unset → none', () => {
    expect(loadConfig({ ...minimal, MLFLOW_KSERVE_DEPLOY_ALIASES: 'champion, challenger' }).deploy_aliases).toEqual([
      'champion',
      'challenger',
    ]);
    expect(loadConfig(minimal).deploy_aliases).toEqual([]);
  });

  it.each(['latest', 'Latest', 'v3', 'V12', 'has space', 'a/b'])('DEPLOY_ALIASES=%j → refused naming the variable', (alias) => {
    expect(problemsOf({ ...minimal, MLFLOW_KSERVE_DEPLOY_ALIASES: alias })).toContain('MLFLOW_KSERVE_DEPLOY_ALIASES');
  });

  it('CANARY_TRAFFIC_PERCENT=0 or 100 → refused; 10 → 10', () => {
    expect(problemsOf({ ...minimal, MLFLOW_KSERVE_CANARY_TRAFFIC_PERCENT: '0' })).toContain('must be a whole number from 1 to 99');
    expect(problemsOf({ ...minimal, MLFLOW_KSERVE_CANARY_TRAFFIC_PERCENT: '100' })).toContain('MLFLOW_KSERVE_CANARY_TRAFFIC_PERCENT');
    expect(loadConfig({ ...minimal, MLFLOW_KSERVE_CANARY_TRAFFIC_PERCENT: '10' }).canary_traffic_percent).toBe(10);
  });

  it('a flag override that is invalid → the problem names the flag', () => {
    expect(() => loadConfig(minimal, { app_port: 'abc' }, { overrideNames: { app_port: '--port' } })).toThrow(
      '--port must be a port number from 0 to 65535',
    );
  });
});

describe('redactConfig', () => {
  it('tracking URI with user:password → both masked', () => {
    const config = loadConfig({ ...minimal, MLFLOW_KSERVE_MLFLOW_TRACKING_URI: 'http://alice:s3cr3t@mlflow:5000' });
    const shown = JSON.stringify(redactConfig(config));
    expect(shown).not.toContain('s3cr3t');
    expect(shown).not.toContain('alice');
    expect(redactConfig(config)['mlflow_tracking_uri']).toBe('http://***:***@mlflow:5000/');
  });

  it('config with secrets → every secret replaced by ***', () => {
    const config = loadConfig({
      ...minimal,
      MLFLOW_KSERVE_MLFLOW_TRACKING_PASSWORD: 'pw-123',
      MLFLOW_KSERVE_MLFLOW_WEBHOOK_PREVIOUS_SECRETS: 'old-1',
    });
    const printed = JSON.stringify(redactConfig(config));
    for (const secret of ['whsec-1', 'pw-123', 'old-1']) expect(printed).not.toContain(secret);
    expect(redactConfig(config)).toMatchObject({
      mlflow_webhook_secret: '***',
      mlflow_tracking_password: '***',
      mlflow_webhook_previous_secrets: ['***'],
    });
  });
});

describe('loadTemplate', () => {
  it('unset → the built-in template', () => {
    expect(loadTemplate(undefined)).toBe(defaultTemplate);
  });

  it('inline YAML → used as is', () => {
    expect(loadTemplate('apiVersion: x\nkind: y')).toBe('apiVersion: x\nkind: y');
  });

  it('file path → its content; missing file → invalid_template naming the setting and the error, not the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
    const file = join(dir, 'template.yaml');
    writeFileSync(file, 'content');
    expect(loadTemplate(file)).toBe('content');
    expect(() => loadTemplate(join(dir, 'missing.yaml'))).toThrow(/MLFLOW_KSERVE_INFERENCE_SERVICE_TEMPLATE \(ENOENT\)/);
  });
});

describe('kubeTargetForLogs', () => {
  it.each([
    ['cluster', 'cluster'],
    ['dir:./manifests', 'dir:./manifests'],
    ['dir:/srv/manifests', 'dir:<MLFLOW_KSERVE_KUBE_TARGET>'],
    ['dir:C:\\manifests', 'dir:<MLFLOW_KSERVE_KUBE_TARGET>'],
    ['git:https://git.example.com/acme/deploy.git', 'git:https://git.example.com/acme/deploy.git'],
    ['git:https://bot:t0ken@git.example.com/acme/deploy.git', 'git:https://***:***@git.example.com/acme/deploy.git'],
  ])('%s → %s', (setting, shown) => {
    expect(kubeTargetForLogs({ kube_target: setting })).toBe(shown);
  });
});

describe('Git target settings', () => {
  it.each([['git:https://git.example.com/acme/deploy.git'], ['git:http://127.0.0.1:8080/deploy.git'], ['git:http://localhost/deploy.git']])(
    'MLFLOW_KSERVE_KUBE_TARGET=%s → accepted',
    (target) => {
      expect(loadConfig({ ...minimal, MLFLOW_KSERVE_KUBE_TARGET: target }).kube_target).toBe(target);
    },
  );

  it.each([
    ['git:http://git.example.com/deploy.git', /must be https/],
    ['git:ssh://git@git.example.com/acme/deploy.git', /ssh repository URLs are not supported.*MLFLOW_KSERVE_GIT_TOKEN/],
    ['git:git@github.com:acme/deploy.git', /ssh repository URLs are not supported/],
    ['git:not a url', /needs the https URL of a repository/],
  ])('MLFLOW_KSERVE_KUBE_TARGET=%s → refused, saying what to use', (target, message) => {
    expect(() => loadConfig({ ...minimal, MLFLOW_KSERVE_KUBE_TARGET: target })).toThrow(message);
  });

  it.each([
    ['MLFLOW_KSERVE_GIT_BRANCH', '../main', /branch name/],
    ['MLFLOW_KSERVE_GIT_BRANCH', 'main.lock', /branch name/],
    ['MLFLOW_KSERVE_GIT_PATH', '/etc', /folder inside the repository/],
    ['MLFLOW_KSERVE_GIT_PATH', 'a/../b', /folder inside the repository/],
    ['MLFLOW_KSERVE_GIT_AUTHOR', 'no email', /Name <email>/],
  ])('%s=%s → refused', (name, value, message) => {
    expect(() => loadConfig({ ...minimal, MLFLOW_KSERVE_KUBE_TARGET: 'git:https://g.example/d.git', [name]: value })).toThrow(message);
  });

  it('defaults → branch main, folder inference-services, status written back; a trailing / of the folder dropped', () => {
    const config = loadConfig({
      ...minimal,
      MLFLOW_KSERVE_KUBE_TARGET: 'git:https://g.example/d.git',
      MLFLOW_KSERVE_GIT_PATH: 'deploy/isvc/',
    });
    expect(config).toMatchObject({ git_branch: 'main', git_path: 'deploy/isvc', git_push_attempts: 8 });
    expect(statusWritebackEnabled(config)).toBe(true);
  });

  it('token, and credentials in the URL → masked by redactConfig', () => {
    const config = loadConfig({
      ...minimal,
      MLFLOW_KSERVE_KUBE_TARGET: 'git:https://bot:url-secret@g.example/d.git',
      MLFLOW_KSERVE_GIT_TOKEN: 'tok-secret',
    });
    const shown = JSON.stringify(redactConfig(config));
    expect(shown).not.toContain('url-secret');
    expect(shown).not.toContain('tok-secret');
  });
});
