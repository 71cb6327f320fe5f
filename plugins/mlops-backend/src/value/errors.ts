import { ConflictError } from '@backstage/errors';

/**
 * A write to the value ledger that contradicts what is stored. A
 * `ConflictError`, so Backstage's error handler answers 409; `field` names
 * the request field at fault.
 */
export class KpiConflictError extends ConflictError {
  constructor(
    message: string,
    /** The request field at fault: `value`, `unit`, `supersedes`, `idempotencyKey`. */
    readonly field: string,
  ) {
    super(message);
  }
}

/** A value for a KPI's period that already has a different one, without `supersedes`. */
export class KpiValueConflictError extends KpiConflictError {
  constructor(
    readonly useCaseRef: string,
    readonly kpiId: string,
    readonly periodStart: Date,
    readonly periodEnd: Date,
    /** The record that holds the period's value. */
    readonly existingId: number | undefined,
    readonly existingValue: number,
    field: 'value' | 'unit',
    detail: string,
  ) {
    super(
      `KPI "${kpiId}" of ${useCaseRef} already has ${detail} for the period ` +
        `${periodStart.toISOString().slice(0, 10)} – ${periodEnd
          .toISOString()
          .slice(0, 10)}` +
        `${
          existingId === undefined
            ? ' in this batch'
            : ` (record ${existingId})`
        }; ` +
        'send a correction that supersedes it instead',
      field,
    );
  }
}

/** Why a correction's `supersedes` was refused. */
export type KpiSupersedesProblem =
  | 'unknown'
  | 'other-kpi'
  | 'already-superseded';

/** A correction whose `supersedes` names an unknown record, another KPI's, or one already corrected. */
export class KpiSupersedesError extends KpiConflictError {
  constructor(
    readonly supersedes: number,
    readonly problem: KpiSupersedesProblem,
    message: string,
  ) {
    super(message, 'supersedes');
  }
}

/** An idempotency key used again for a different request. */
export class IdempotencyKeyConflictError extends KpiConflictError {
  constructor(readonly idempotencyKey: string) {
    super(
      `The idempotency key "${idempotencyKey}" was already used for a different request`,
      'idempotencyKey',
    );
  }
}
