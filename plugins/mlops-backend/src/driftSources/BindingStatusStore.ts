import type { DriftSourceBindingState } from '@mlightenment/backstage-plugin-mlops-common';

/** A binding of a monitor to a drift source, as its last pull left it. References are lower case. */
export interface BindingStatusRow {
  sourceId: string;
  monitorRef: string;
  binding: string;
  description: string | null;
  state: DriftSourceBindingState;
  lastPullAt: Date;
  /** The end of the span imported so far; the next pull starts after it. */
  pulledThrough: Date | null;
  imported: number;
  skipped: number;
  totalImported: number;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** The status of each binding of every drift source. */
export interface BindingStatusStore {
  /** The bindings of one source, after its last pull. */
  forSource(sourceId: string): Promise<BindingStatusRow[]>;
  /** The bindings of one monitor, to every source, ordered by source and binding. */
  forMonitor(monitorRef: string): Promise<BindingStatusRow[]>;
  /**
   * Replaces the bindings of a source by those of its latest pull: a
   * binding the catalog no longer declares is forgotten with it.
   */
  replaceForSource(sourceId: string, rows: BindingStatusRow[]): Promise<void>;
}
