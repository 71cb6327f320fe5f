// A binding of an entity to a source, as the API serves it: a monitor's
// drift bindings (GET /drift/sources/…) and a use case's KPI bindings
// (GET /kpi-sources/…) keep the same facts
// (plugins/mlops-backend/src/schema/driftSources.openapi.yaml).

/**
 * How a binding's last pull went: `ok` when it imported samples, `no-data`
 * when its query answered without any, `failed` when the source refused or
 * did not answer (the span is pulled again next time).
 * @public
 */
export type SourceBindingState = 'ok' | 'no-data' | 'failed';

/**
 * One binding of an entity to a source (for Prometheus: one feature's
 * query of a monitor, or one KPI's query of a use case) and how its
 * scheduled pulls went.
 * @public
 */
export type SourceBindingStatus = {
  /** The source's id, e.g. `prometheus`. */
  source: string;
  /** The binding within the entity, e.g. the feature or the KPI it fills. */
  binding: string;
  /** What is pulled, in the source's words (for Prometheus the instance and the query). */
  description?: string;
  state: SourceBindingState;
  /** ISO 8601: when the binding was last pulled. */
  lastPullAt: string;
  /** ISO 8601: the end of the span imported so far; the next pull starts after it. */
  pulledThrough?: string;
  /** Samples imported by the last pull. */
  imported: number;
  /** Samples the last pull skipped because they were NaN or infinite. */
  skipped: number;
  /** Samples imported since the binding was first pulled. */
  totalImported: number;
  /** The last failure, kept after the binding recovers; `state` says whether it still fails. */
  lastError?: { at: string; message: string };
};

/** The words for each state of a binding. @public */
export const SOURCE_BINDING_STATE_LABELS: Readonly<
  Record<SourceBindingState, string>
> = {
  ok: 'Imported',
  'no-data': 'No data',
  failed: 'Failed',
};
