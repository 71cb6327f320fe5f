/**
 * Where a KPI actual came from: a team's `pipeline` (the push API), a
 * `person` (a check-in in the portal) or a `source` (a backend module that
 * pulls actuals, such as Prometheus).
 * @public
 */
export type KpiActualSource = 'pipeline' | 'person' | 'source';

/**
 * An actual value of a KPI for one period: the part of a ledger record that
 * progress and status read.
 * @public
 */
export type KpiPoint = {
  /** The first day of the period, `YYYY-MM-DD`. */
  periodStart: string;
  /** The last day of the period, inclusive, `YYYY-MM-DD`. */
  periodEnd: string;
  value: number;
};

/**
 * One record of the append-only ledger of a KPI's actuals. A correction is a
 * new record that names the one it replaces in `supersedes`; nothing is
 * updated or deleted.
 * @public
 */
export type KpiActualRecord = KpiPoint & {
  id: string;
  /** The KPI's id, see `KpiDefinition.id`. */
  kpiId: string;
  /** The id of the record this one corrects. */
  supersedes?: string;
  /** When the record was stored, an ISO 8601 instant. */
  recordedAt: string;
  /** The entity reference of who recorded it, or the pipeline's or source's name. */
  recordedBy: string;
  source: KpiActualSource;
  comment?: string;
  evidenceUrl?: string;
  /** The definition version the value was measured under, see `definitionVersionKey`. */
  definitionVersion: string;
};

/**
 * What the ledger fold reads of a record: its id, the record it corrects,
 * its period and when it was recorded. {@link KpiActualRecord} has it, and
 * so may a store's own row type, whose other fields the fold passes through.
 * @public
 */
export type KpiLedgerRow = {
  id: string | number;
  supersedes?: string | number | null;
  periodStart: string;
  periodEnd: string;
  /** An ISO 8601 instant, or a `Date`. */
  recordedAt: string | Date;
};

/**
 * A ledger record as the history shows it, with the id of the record that
 * took its place when it is no longer in force.
 * @public
 */
export type KpiLedgerEntry<R extends KpiLedgerRow = KpiActualRecord> = R & {
  supersededBy?: R['id'];
};

function instant(row: KpiLedgerRow): number {
  return typeof row.recordedAt === 'string'
    ? Date.parse(row.recordedAt)
    : row.recordedAt.getTime();
}

/** Orders records as they were recorded, each instant computed once per fold. */
function byRecordingOf(
  records: readonly KpiLedgerRow[],
): (a: KpiLedgerRow, b: KpiLedgerRow) => number {
  const instants = new Map(records.map(r => [r, instant(r)]));
  return (a, b) => {
    const time = instants.get(a)! - instants.get(b)!;
    if (time !== 0) return time;
    if (a.id === b.id) return 0;
    return a.id < b.id ? -1 : 1;
  };
}

/**
 * Which record replaced each record that is out of force: the first one
 * recorded that names it in `supersedes`, or one recorded after it for the
 * same period (a pipeline that pushes a period again restates it).
 */
function replacements<R extends KpiLedgerRow>(
  records: readonly R[],
  byRecording: (a: KpiLedgerRow, b: KpiLedgerRow) => number,
): Map<R['id'], R['id']> {
  const supersededBy = new Map<R['id'], R['id']>();
  const ordered = [...records].sort(byRecording);
  for (const record of ordered) {
    const corrected = record.supersedes;
    if (
      corrected !== undefined &&
      corrected !== null &&
      corrected !== record.id &&
      !supersededBy.has(corrected)
    ) {
      supersededBy.set(corrected, record.id);
    }
  }
  const latestOfPeriod = new Map<string, R['id']>();
  for (const record of ordered) {
    if (supersededBy.has(record.id)) continue;
    const period = `${record.periodStart}/${record.periodEnd}`;
    const earlier = latestOfPeriod.get(period);
    if (earlier !== undefined) supersededBy.set(earlier, record.id);
    latestOfPeriod.set(period, record.id);
  }
  return supersededBy;
}

function byPeriod(a: KpiLedgerRow, b: KpiLedgerRow): number {
  if (a.periodStart !== b.periodStart) {
    return a.periodStart < b.periodStart ? -1 : 1;
  }
  if (a.periodEnd !== b.periodEnd) return a.periodEnd < b.periodEnd ? -1 : 1;
  return 0;
}

/**
 * The actuals in force of one KPI, oldest period first: its ledger records
 * less every record that is out of force. A record is out of force when a
 * record names it in `supersedes` (so in a chain of corrections only the
 * last stands), or when a record recorded after it reports the same period.
 * @param records - the ledger records of one KPI, in any order
 * @public
 */
export function effectiveActuals<R extends KpiLedgerRow>(
  records: readonly R[],
): R[] {
  const byRecording = byRecordingOf(records);
  const supersededBy = replacements(records, byRecording);
  return records
    .filter(record => !supersededBy.has(record.id))
    .sort((a, b) => byPeriod(a, b) || byRecording(a, b));
}

/**
 * Every ledger record of one KPI in the order it was recorded, oldest first,
 * each record that is out of force (see {@link effectiveActuals}) with the
 * id of the record that replaced it in `supersededBy`.
 * @public
 */
export function ledgerHistory<R extends KpiLedgerRow>(
  records: readonly R[],
): KpiLedgerEntry<R>[] {
  const byRecording = byRecordingOf(records);
  const supersededBy = replacements(records, byRecording);
  return [...records].sort(byRecording).map(record => {
    const replacement = supersededBy.get(record.id);
    return replacement === undefined
      ? { ...record }
      : { ...record, supersededBy: replacement };
  });
}
