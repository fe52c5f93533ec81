/** Every reason a preflight refuses for, as `/services` and `mlflow_kserve_preflight_rejections_total{reason}` count them. */
export const preflightReasons = ['no_mlmodel', 'mlmodel_unreadable', 'external_artifacts', 'flavor_unsupported', 'no_runtime'] as const;
/** One of {@link preflightReasons}. */
export type PreflightReason = (typeof preflightReasons)[number];
