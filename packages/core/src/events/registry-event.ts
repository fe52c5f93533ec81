/** Fields every parsed event has. */
interface EventBase {
  /** The envelope time: ISO-8601 string from MLflow, or a number in the legacy shape. */
  timestamp: string | number | undefined;
  /** MLflow ≥ 3.12 workspace, when enabled. */
  workspace: string | undefined;
}

/** `model_version_tag.set` */
export interface TagSetEvent extends EventBase {
  type: 'model_version_tag.set';
  model: string;
  version: string;
  key: string;
  value: string;
  /** Only in the legacy shape (integer timestamp, run and experiment in `data`); real MLflow does not send it. */
  runId: string | undefined;
  /** Only in the legacy shape (integer timestamp, run and experiment in `data`); real MLflow does not send it. */
  experimentId: string | undefined;
}

/** `model_version_tag.deleted` */
export interface TagDeletedEvent extends EventBase {
  type: 'model_version_tag.deleted';
  model: string;
  version: string;
  key: string;
}

/** `model_version.created` */
export interface VersionCreatedEvent extends EventBase {
  type: 'model_version.created';
  model: string;
  version: string;
  source: string | undefined;
  runId: string | undefined;
  tags: Record<string, string>;
}

/** `model_version_alias.created` */
export interface AliasCreatedEvent extends EventBase {
  type: 'model_version_alias.created';
  model: string;
  alias: string;
  version: string;
}

/** `model_version_alias.deleted` (MLflow sends no version). */
export interface AliasDeletedEvent extends EventBase {
  type: 'model_version_alias.deleted';
  model: string;
  alias: string;
}

/** `registered_model.created` */
export interface ModelCreatedEvent extends EventBase {
  type: 'registered_model.created';
  model: string;
  tags: Record<string, string>;
}

/** Any other entity or action (prompts, budget policies, future events): verified, then ignored. */
export interface UnsupportedEvent extends EventBase {
  type: 'unsupported';
  entity: string;
  action: string;
}

/** Every event {@link parseEvent} returns, discriminated by `type`. */
export type RegistryEvent =
  | TagSetEvent
  | TagDeletedEvent
  | VersionCreatedEvent
  | AliasCreatedEvent
  | AliasDeletedEvent
  | ModelCreatedEvent
  | UnsupportedEvent;
