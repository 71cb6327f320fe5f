import type { SourceBindingStatus } from '@mlightenment/backstage-plugin-mlops-common';
import type { SourceBindingPull } from '@mlightenment/backstage-plugin-mlops-node';
import type { SourceBindingRow } from './SourceBindingStore';

/** What storing one binding's batches came to. */
export interface BindingImport {
  /** Samples stored (a batch stored before counts none). */
  imported: number;
  /** Samples in the batches that were stored or were already. */
  samples: number;
  /** Where the stored batches reach when a later one was not stored. */
  storedThrough?: Date;
  /** Why a batch was not stored. */
  error?: string;
}

/**
 * A binding's status after a pull: the source's error or the API's keep
 * the binding where it had imported to (or where the batches stored
 * before the failure reach), so the next pull asks for the rest again;
 * success moves it to the end of the span. A pull with nothing due
 * leaves the status as it was.
 */
export function nextBindingStatus(input: {
  sourceId: string;
  entityRef: string;
  pull: SourceBindingPull<unknown>;
  result: BindingImport;
  previous?: SourceBindingRow;
  at: Date;
}): SourceBindingRow {
  const { sourceId, entityRef, pull, result, previous, at } = input;
  const error = pull.error ?? result.error;
  const description = pull.description ?? previous?.description ?? null;
  if (!pull.span && !error) {
    return previous
      ? { ...previous, description }
      : {
          sourceId,
          entityRef,
          binding: pull.binding,
          description,
          state: 'no-data',
          lastPullAt: at,
          pulledThrough: null,
          imported: 0,
          skipped: 0,
          totalImported: 0,
          lastError: null,
          lastErrorAt: null,
        };
  }
  let pulledThrough = previous?.pulledThrough ?? null;
  if (!error && pull.span) pulledThrough = new Date(pull.span.to);
  else if (result.storedThrough) pulledThrough = result.storedThrough;
  let state: SourceBindingRow['state'] = 'no-data';
  if (error) state = 'failed';
  else if (result.samples > 0) state = 'ok';
  return {
    sourceId,
    entityRef,
    binding: pull.binding,
    description,
    state,
    lastPullAt: at,
    pulledThrough,
    imported: result.imported,
    skipped: pull.skipped,
    totalImported: (previous?.totalImported ?? 0) + result.imported,
    lastError: error ?? previous?.lastError ?? null,
    lastErrorAt: error ? at : previous?.lastErrorAt ?? null,
  };
}

/** A stored binding's status as the API serves it. */
export function toSourceBindingStatus(
  row: SourceBindingRow,
): SourceBindingStatus {
  return {
    source: row.sourceId,
    binding: row.binding,
    ...(row.description ? { description: row.description } : {}),
    state: row.state,
    lastPullAt: row.lastPullAt.toISOString(),
    ...(row.pulledThrough
      ? { pulledThrough: row.pulledThrough.toISOString() }
      : {}),
    imported: row.imported,
    skipped: row.skipped,
    totalImported: row.totalImported,
    ...(row.lastError && row.lastErrorAt
      ? {
          lastError: {
            at: row.lastErrorAt.toISOString(),
            message: row.lastError,
          },
        }
      : {}),
  };
}
