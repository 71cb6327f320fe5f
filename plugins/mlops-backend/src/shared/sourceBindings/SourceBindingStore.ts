import type { SourceBindingState } from '@mlightenment/backstage-plugin-mlops-common';

/** What a binding feeds: a monitor's drift observations or a use case's KPI actuals. */
export type SourceBindingKind = 'drift' | 'kpi';

/** A binding of an entity to a source, as its last pull left it. References are lower case. */
export interface SourceBindingRow {
  sourceId: string;
  /** The monitor (drift) or the use case (KPI). */
  entityRef: string;
  binding: string;
  description: string | null;
  state: SourceBindingState;
  lastPullAt: Date;
  /** The end of the span imported so far; the next pull starts after it. */
  pulledThrough: Date | null;
  imported: number;
  skipped: number;
  totalImported: number;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** The status of each binding of every source of one kind. */
export interface SourceBindingStore {
  /** The bindings of one source, after its last pull. */
  forSource(sourceId: string): Promise<SourceBindingRow[]>;
  /** The bindings of one entity, to every source, ordered by source and binding. */
  forEntity(entityRef: string): Promise<SourceBindingRow[]>;
  /**
   * Replaces the bindings of a source by those of its latest pull: a
   * binding the catalog no longer declares is forgotten with it.
   */
  replaceForSource(sourceId: string, rows: SourceBindingRow[]): Promise<void>;
}
