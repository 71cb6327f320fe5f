import type { ProductionChange } from '@mlightenment/backstage-plugin-mlops-common';

/** A model's version and lifecycle from when the portal saw them. */
export interface ModelHistoryEntry {
  modelRef: string;
  version: string | null;
  lifecycle: string;
  observedAt: Date;
}

/**
 * The history of each model's version and lifecycle. Append-only: an entry
 * is added when a model is first seen or either changes.
 */
export interface ModelHistoryStore {
  /**
   * Appends an entry for each model whose version or lifecycle differs from
   * its latest entry (or that has none); returns the entries added.
   */
  record(
    models: ReadonlyArray<Omit<ModelHistoryEntry, 'observedAt'>>,
    now: Date,
  ): Promise<ModelHistoryEntry[]>;
  /** The entries of the models, oldest first. */
  history(modelRefs: readonly string[]): Promise<ModelHistoryEntry[]>;
  /**
   * The new production versions of the models after `since`, oldest first,
   * as {@link @mlightenment/backstage-plugin-mlops-common#productionChanges}
   * finds them in the whole history; stored as the entries are recorded.
   */
  productionChanges(
    modelRefs: readonly string[],
    since: Date,
  ): Promise<ProductionChange[]>;
  /** Those of the models that have an entry. */
  withHistory(modelRefs: readonly string[]): Promise<Set<string>>;
}
