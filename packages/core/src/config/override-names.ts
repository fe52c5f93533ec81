/** Every per-model setting a model's owner may give as a tag (`kserve.<name>`), when the operator allows it. */
export const overrideNames = [
  'runtime',
  'model_format',
  'protocol_version',
  'min_replicas',
  'max_replicas',
  'cpu_request',
  'cpu_limit',
  'memory_request',
  'memory_limit',
  'gpu_count',
  'canary_traffic_percent',
  'canary_steps',
  'namespace',
] as const;

/** One override's name. */
export type OverrideName = (typeof overrideNames)[number];
