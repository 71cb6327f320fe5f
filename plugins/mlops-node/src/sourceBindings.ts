/**
 * What a source pulled for one binding in one pull, whatever it feeds (for
 * Prometheus: one feature's query of a monitor, or one KPI's query of a use
 * case). The backend stores the batches, then keeps the binding's status
 * (last pull, samples imported and skipped, last error) for the entity's
 * page and the API. A binding that failed keeps where it had imported to,
 * so the next pull asks for the same span again.
 * @public
 */
export interface SourceBindingPull<TBatch> {
  /** The binding within the entity, unique for the source, e.g. the feature or the KPI it fills. */
  binding: string;
  /** What is pulled, in the source's words, e.g. the instance and the query. */
  description?: string;
  /**
   * What was pulled; idempotency keys derived from the binding and the
   * span, so a span pulled twice is stored once.
   */
  batches: TBatch[];
  /** Samples not imported because nothing can compare them (NaN, ±Inf). */
  skipped: number;
  /**
   * The span this pull covered (ISO 8601). Absent, with no `error`, when
   * nothing was due yet: the binding's status stays as it was.
   */
  span?: { from: string; to: string };
  /**
   * Why nothing was imported, in the words of the system pulled from (a
   * refused query's error verbatim). The span is pulled again next time.
   */
  error?: string;
}
