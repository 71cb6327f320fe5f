import type { GateProgressSummary } from '@mlightenment/backstage-plugin-mlops-common';

/** A use case's or model's gate events folded, with the latest event folded in. */
export interface GateProgressRow {
  entityRef: string;
  /** The id of the latest gate event folded in; `0` without events. */
  lastEventId: string;
  summary: GateProgressSummary;
}

/**
 * Each use case's and model's gate events folded for the adoption
 * diagnostic, kept by the writers of gate events (the gate service as it
 * records them, and each scorecard refresh as it records invalidations), so
 * the diagnostic reads one row per entity instead of every event.
 */
export interface GateProgressStore {
  /**
   * The stored summaries of the entities that are current: folded up to the
   * entity's latest gate event. Which facts and sign-off each holds for, it
   * says itself.
   */
  current(
    entityRefs: readonly string[],
  ): Promise<Map<string, GateProgressSummary>>;

  /** What each stored row was folded from: enough for a writer to know whether to fold again. */
  keys(
    entityRefs: readonly string[],
  ): Promise<
    Map<string, { factsHash: string; signOff: string; lastEventId: string }>
  >;

  /** Stores the rows, replacing those of the same entities. */
  save(rows: readonly GateProgressRow[], now: Date): Promise<void>;
}
