import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import { chunks } from '../database/readInChunks';
import { boundedMemo } from '../shared/boundedMemo';
import {
  IdempotencyKeyConflictError,
  KpiSupersedesError,
  KpiValueConflictError,
} from './errors';
import type {
  AppendActualsOptions,
  AppendActualsResult,
  KpiActualRecord,
  KpiDefinitionInput,
  KpiDefinitionVersion,
  KpiLedgerPoint,
  KpiRecentPoint,
  KpiSourceKind,
  KpiStore,
  NewKpiActual,
} from './KpiStore';

const ACTUALS = 'mlops_value_actuals';
const DEFINITIONS = 'mlops_value_definitions';
const BATCHES = 'mlops_value_batches';
const SERIES = 'mlops_value_series';
const REMINDERS = 'mlops_value_reminders';
const SOURCE_CURSORS = 'mlops_value_source_cursors';

/** Rows per insert statement on SQLite: 15 columns, under its 32,766 bound parameters. */
const INSERT_CHUNK = 2000;
/**
 * Actuals on PostgreSQL go in as one array per column, unnested by the
 * server: one statement per batch instead of VALUES lists of 15 bound
 * parameters per row, which the driver and server spend most of an
 * insert's time binding and parsing.
 */
const POSTGRES_UNNEST_INSERT = `insert into ${ACTUALS}
  (use_case_ref, kpi_id, period_start, period_end, value, unit, source_kind,
   source_name, recorded_by, recorded_at, comment, evidence_url,
   supersedes_id, definition_version_id, idempotency_key)
  select use_case_ref, kpi_id, period_start, period_end, value, unit,
         source_kind, source_name, recorded_by, ?, comment, evidence_url,
         supersedes_id, definition_version_id, ?
  from unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
              ?::float8[], ?::text[], ?::text[], ?::text[], ?::text[],
              ?::text[], ?::text[], ?::bigint[], ?::bigint[])
    as r(use_case_ref, kpi_id, period_start, period_end, value, unit,
         source_kind, source_name, recorded_by, comment, evidence_url,
         supersedes_id, definition_version_id)
  returning id, use_case_ref, kpi_id,
    (extract(epoch from period_start) * 1000)::bigint as start_ms,
    (extract(epoch from period_end) * 1000)::bigint as end_ms`;

/** The unnested columns of {@link POSTGRES_UNNEST_INSERT}, in order, and whether each holds text. */
const UNNEST_COLUMNS: ReadonlyArray<readonly [string, boolean]> = [
  ['use_case_ref', true],
  ['kpi_id', true],
  ['period_start', false],
  ['period_end', false],
  ['value', false],
  ['unit', true],
  ['source_kind', true],
  ['source_name', true],
  ['recorded_by', true],
  ['comment', true],
  ['evidence_url', true],
  ['supersedes_id', false],
  ['definition_version_id', false],
];

/**
 * A PostgreSQL array literal (`{"a","b\\"c",NULL}`) of one column's values.
 * Text is quoted and escaped; numbers and ISO timestamps are written as they
 * are.
 */
function arrayLiteral(
  values: ReadonlyArray<string | number | null>,
  text: boolean,
): string {
  const items = values.map(value => {
    if (value === null || value === undefined) return 'NULL';
    if (!text) return String(value);
    return `"${String(value).replace(/["\\]/g, '\\$&')}"`;
  });
  return `{${items.join(',')}}`;
}

/** The ledger's columns other than its timestamps, as {@link toRecord} reads them. */
const RECORD_COLUMNS = [
  'id',
  'use_case_ref',
  'kpi_id',
  'value',
  'unit',
  'source_kind',
  'source_name',
  'recorded_by',
  'comment',
  'evidence_url',
  'supersedes_id',
  'definition_version_id',
  'idempotency_key',
];

/** The columns of a {@link KpiLedgerPoint} other than its timestamps. */
const POINT_COLUMNS = ['id', 'kpi_id', 'value', 'supersedes_id'];

/** Values per `in (…)` list. */
const LOOKUP_CHUNK = 1000;

const SOURCE_KINDS: readonly KpiSourceKind[] = ['pipeline', 'person', 'source'];

/**
 * The id of the effective latest record of the series whose columns
 * `series` names: the record of the latest period that no other record
 * supersedes, one probe of the (use_case_ref, kpi_id, period_end, id) index.
 * Run by the appends that touch the series, which store the answer in
 * `latest_id` (and with `offset 1`, the period before, in `previous_id`).
 * Portable SQL: SQLite has no LATERAL.
 */
function inForceOfSeries(series: string, offset: 0 | 1) {
  return `(
    select l.id from ${ACTUALS} l
    where l.use_case_ref = ${series}.use_case_ref and l.kpi_id = ${series}.kpi_id
      and not exists (select 1 from ${ACTUALS} s where s.supersedes_id = l.id)
    order by l.period_end desc, l.id desc
    limit 1${offset ? ' offset 1' : ''}
  )`;
}

/** Dates go in as ISO strings (portable across SQLite and PostgreSQL) and come out as Dates. */
function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** Code-point order: what the database's index order is for the ASCII of entity refs, without ICU's cost. */
function order(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** Names one KPI's period. */
function periodKey(
  useCaseRef: string,
  kpiId: string,
  start: Date | string | number,
  end: Date | string | number,
): string {
  return `${useCaseRef}\u0000${kpiId}\u0000${toDate(
    start,
  ).getTime()}\u0000${toDate(end).getTime()}`;
}

// A ledger's timestamps repeat (periods are days; a batch shares its
// recording time): records read as epoch milliseconds (PostgreSQL) or ISO
// strings (SQLite) share one Date per instant. Nothing mutates a record's
// dates.
const sharedInstant = boundedMemo((value: string | number) => new Date(value));

function instantOf(value: Date | string | number): Date {
  return value instanceof Date ? value : sharedInstant(value);
}

function toPoint(r: any): KpiLedgerPoint {
  return {
    id: Number(r.id),
    kpiId: r.kpi_id,
    periodStart: instantOf(r.period_start),
    periodEnd: instantOf(r.period_end),
    value: Number(r.value),
    supersedes: r.supersedes_id === null ? null : Number(r.supersedes_id),
    recordedAt: instantOf(r.recorded_at),
  };
}

function toRecord(r: any): KpiActualRecord {
  return {
    ...toPoint(r),
    useCaseRef: r.use_case_ref,
    unit: r.unit ?? null,
    sourceKind: r.source_kind,
    sourceName: r.source_name ?? null,
    recordedBy: r.recorded_by,
    comment: r.comment ?? null,
    evidenceUrl: r.evidence_url ?? null,
    definitionVersionId:
      r.definition_version_id === null ? null : Number(r.definition_version_id),
    idempotencyKey: r.idempotency_key ?? null,
  };
}

function toDefinitionVersion(r: any): KpiDefinitionVersion {
  return {
    id: Number(r.id),
    useCaseRef: r.use_case_ref,
    kpiId: r.kpi_id,
    version: Number(r.version),
    key: r.key,
    definition: JSON.parse(r.definition),
    validFrom: toDate(r.valid_from),
  };
}

/** A field of a record as errors name it: `records[3].value`, or `value` for a record without a path. */
function fieldOf(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

/** Refuses records no caller should send, naming the field. */
function checkRecord(record: NewKpiActual, at: string) {
  if (!record.useCaseRef)
    throw new InputError(`${fieldOf(at, 'useCaseRef')} is missing`);
  if (!record.kpiId) throw new InputError(`${fieldOf(at, 'kpiId')} is missing`);
  if (!record.recordedBy)
    throw new InputError(`${fieldOf(at, 'recordedBy')} is missing`);
  if (typeof record.value !== 'number' || !Number.isFinite(record.value)) {
    throw new InputError(`${fieldOf(at, 'value')} must be a finite number`);
  }
  for (const field of ['periodStart', 'periodEnd'] as const) {
    const date = record[field];
    // Years past 9999 are valid in JavaScript, not in PostgreSQL.
    const year = date instanceof Date ? date.getUTCFullYear() : NaN;
    if (!(year >= 1 && year <= 9999)) {
      throw new InputError(`${at}.${field} must be a valid date`);
    }
  }
  if (record.periodEnd.getTime() < record.periodStart.getTime()) {
    throw new InputError(
      `${fieldOf(at, 'periodEnd')} is before its periodStart`,
    );
  }
  if (!SOURCE_KINDS.includes(record.sourceKind)) {
    throw new InputError(
      `${fieldOf(at, 'sourceKind')} must be one of ${SOURCE_KINDS.join(', ')}`,
    );
  }
}

/** A stored record as the append sees it: its period, value and whether it is corrected. */
interface Known {
  id: number;
  useCaseRef: string;
  kpiId: string;
  periodStart: Date;
  periodEnd: Date;
  value: number;
  unit: string | null;
  superseded: boolean;
}

/** What a period holds while a batch is checked. */
interface PeriodState {
  /** The record holding its value: a stored id, or the index of a new record of the batch. */
  effective?: { id?: number; index?: number; value: number; unit: string };
  /** Every value on record for it (also corrected ones) and a record holding it. */
  values: Map<string, { id?: number; index?: number }>;
}

function toKnown(r: any): Known {
  return {
    id: Number(r.id),
    useCaseRef: r.use_case_ref,
    kpiId: r.kpi_id,
    periodStart: toDate(r.period_start),
    periodEnd: toDate(r.period_end),
    value: Number(r.value),
    unit: r.unit ?? null,
    superseded: r.superseded_by !== null,
  };
}

function valueKey(value: number, unit: string | null | undefined): string {
  return `${value}\u0000${unit ?? ''}`;
}

/** The knex implementation of {@link KpiStore}, on SQLite and PostgreSQL. */
export class DatabaseKpiStore implements KpiStore {
  private readonly postgres: boolean;

  constructor(private readonly db: Knex) {
    this.postgres = String(db.client.config.client).includes('pg');
  }

  /**
   * Writes concerning one use case run one after the other, on every
   * replica, until the transaction ends: the check that a period has no
   * other value and the insert are then one step. SQLite runs one write
   * transaction at a time anyway.
   */
  private async lockUseCases(
    tx: Knex.Transaction,
    useCaseRefs: Iterable<string>,
  ) {
    if (!this.postgres) return;
    // In one order on every caller, so two batches never wait for each other.
    for (const ref of [...new Set(useCaseRefs)].sort()) {
      await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [
        `${ACTUALS}:${ref}`,
      ]);
    }
  }

  /** The answer stored under an idempotency key, if any. */
  private async replay(
    idempotencyKey: string,
    requestHash: string,
  ): Promise<AppendActualsResult | undefined> {
    const row = await this.db(BATCHES)
      .where({ idempotency_key: idempotencyKey })
      .first();
    if (!row) return undefined;
    if (row.request_hash !== requestHash) {
      throw new IdempotencyKeyConflictError(idempotencyKey);
    }
    return { ...JSON.parse(row.result), replayed: true };
  }

  async appendActuals(
    records: readonly NewKpiActual[],
    options: AppendActualsOptions = {},
  ): Promise<AppendActualsResult> {
    const pathOf = options.fieldPath ?? ((i: number) => `records[${i}]`);
    records.forEach((record, i) => checkRecord(record, pathOf(i)));
    const now = options.now ?? new Date();
    const key = options.idempotencyKey;
    const hash =
      options.requestHash ??
      createHash('sha256').update(JSON.stringify(records)).digest('hex');
    if (key) {
      const earlier = await this.replay(key, hash);
      if (earlier) return earlier;
    }
    try {
      return await this.db.transaction(async tx => {
        // The key first: a concurrent retry of the same batch waits here,
        // then fails on the key and returns what this one answered.
        if (key) {
          await tx(BATCHES).insert({
            idempotency_key: key,
            request_hash: hash,
            received_at: now.toISOString(),
          });
        }
        await this.lockUseCases(
          tx,
          records.map(r => r.useCaseRef),
        );
        // Each record is tied to its KPI's latest definition version.
        const versions = await this.latestVersionIds(
          tx,
          records.filter(r => !options.definitions?.has(r.useCaseRef)),
        );
        for (const [ref, definitions] of options.definitions ?? []) {
          const { latestIds } = await this.syncDefinitions(
            tx,
            ref,
            definitions,
            now,
          );
          for (const [kpiId, id] of latestIds) {
            versions.set(`${ref}\u0000${kpiId}`, id);
          }
        }
        const result = await this.insertActuals(
          tx,
          records,
          { now, idempotencyKey: key, pathOf },
          versions,
        );
        if (key) {
          await tx(BATCHES)
            .where({ idempotency_key: key })
            .update({ result: JSON.stringify(result) });
        }
        return result;
      });
    } catch (error) {
      if (key && !(error instanceof InputError)) {
        const earlier = await this.replay(key, hash);
        if (earlier) return earlier;
      }
      throw error;
    }
  }

  /** Checks the batch against the ledger and itself, then inserts what is new. */
  private async insertActuals(
    tx: Knex.Transaction,
    records: readonly NewKpiActual[],
    {
      now,
      idempotencyKey,
      pathOf,
    }: {
      now: Date;
      idempotencyKey?: string;
      pathOf: (index: number) => string;
    },
    versions: ReadonlyMap<string, number>,
  ): Promise<AppendActualsResult> {
    const keys = records.map(r =>
      periodKey(r.useCaseRef, r.kpiId, r.periodStart, r.periodEnd),
    );
    const periods = await this.periodStates(tx, records, keys);
    const targets = await this.supersedeTargets(tx, records);
    const supersededInBatch = new Set<number>();
    const outcome: Array<
      | { status: 'stored' }
      | { status: 'duplicate'; id?: number; index?: number }
    > = [];

    records.forEach((record, index) => {
      const unit = record.unit ?? '';
      const pk = keys[index];
      let period = periods.get(pk);
      if (!period) {
        period = { values: new Map() };
        periods.set(pk, period);
      }
      const supersedes = record.supersedes ?? null;
      if (supersedes !== null) {
        const target = targets.get(supersedes);
        if (!target) {
          throw new KpiSupersedesError(
            supersedes,
            'unknown',
            `${fieldOf(
              pathOf(index),
              'supersedes',
            )}: there is no record ${supersedes}`,
          );
        }
        if (
          target.useCaseRef !== record.useCaseRef ||
          target.kpiId !== record.kpiId
        ) {
          throw new KpiSupersedesError(
            supersedes,
            'other-kpi',
            `${fieldOf(
              pathOf(index),
              'supersedes',
            )}: record ${supersedes} is of KPI "${target.kpiId}" of ${
              target.useCaseRef
            }, not of KPI "${record.kpiId}" of ${record.useCaseRef}`,
          );
        }
        if (target.superseded || supersededInBatch.has(supersedes)) {
          throw new KpiSupersedesError(
            supersedes,
            'already-superseded',
            `${fieldOf(
              pathOf(index),
              'supersedes',
            )}: record ${supersedes} of KPI "${
              record.kpiId
            }" is already corrected; correct the latest correction instead`,
          );
        }
        supersededInBatch.add(supersedes);
        const targetPeriod = periods.get(
          periodKey(
            target.useCaseRef,
            target.kpiId,
            target.periodStart,
            target.periodEnd,
          ),
        );
        if (targetPeriod?.effective?.id === supersedes) {
          delete targetPeriod.effective;
        }
      }
      const effective = period.effective;
      if (supersedes === null) {
        // A value already on record for the period, also one since
        // corrected, is not reported again: a pipeline re-pushing its
        // history does not undo a sponsor's correction.
        const same =
          effective?.value === record.value && effective.unit === unit
            ? effective
            : period.values.get(valueKey(record.value, record.unit));
        if (same) {
          outcome.push({ status: 'duplicate', id: same.id, index: same.index });
          return;
        }
      }
      if (effective) {
        throw new KpiValueConflictError(
          record.useCaseRef,
          record.kpiId,
          record.periodStart,
          record.periodEnd,
          effective.id,
          effective.value,
          effective.value === record.value ? 'unit' : 'value',
          `${effective.value}${effective.unit ? ` ${effective.unit}` : ''}`,
        );
      }
      period.effective = { index, value: record.value, unit };
      period.values.set(valueKey(record.value, record.unit), { index });
      outcome.push({ status: 'stored' });
    });

    const fresh = records.filter((_, i) => outcome[i].status === 'stored');
    const rows = fresh.map(r => ({
      use_case_ref: r.useCaseRef,
      kpi_id: r.kpiId,
      period_start: r.periodStart.toISOString(),
      period_end: r.periodEnd.toISOString(),
      value: r.value,
      unit: r.unit ?? null,
      source_kind: r.sourceKind,
      source_name: r.sourceName ?? null,
      recorded_by: r.recordedBy,
      recorded_at: now.toISOString(),
      comment: r.comment ?? null,
      evidence_url: r.evidenceUrl ?? null,
      supersedes_id: r.supersedes ?? null,
      definition_version_id:
        versions.get(`${r.useCaseRef}\u0000${r.kpiId}`) ?? null,
      idempotency_key: idempotencyKey ?? null,
    }));
    // New records of a batch hold distinct periods (checked above), so the
    // period maps each inserted id back to its record.
    const idByPeriod = new Map<string, number>();
    for (const { id, key } of await this.insertRows(tx, rows)) {
      idByPeriod.set(key, id);
    }
    if (rows.length) {
      const series = new Map<
        string,
        { use_case_ref: string; kpi_id: string }
      >();
      for (const r of rows) {
        series.set(`${r.use_case_ref}\u0000${r.kpi_id}`, {
          use_case_ref: r.use_case_ref,
          kpi_id: r.kpi_id,
        });
      }
      for (const chunk of chunks([...series.values()], LOOKUP_CHUNK)) {
        await tx(SERIES)
          .insert(
            chunk.map(s => ({ ...s, first_recorded_at: now.toISOString() })),
          )
          .onConflict(['use_case_ref', 'kpi_id'])
          .ignore();
      }
      await this.updateSeries(tx, [...series.values()]);
    }

    const idOfIndex = (i: number) => idByPeriod.get(keys[i])!;
    const result: AppendActualsResult = {
      records: outcome.map((o, i) => {
        if (o.status === 'stored')
          return { id: idOfIndex(i), status: o.status };
        return {
          id: o.id ?? idOfIndex(o.index!),
          status: o.status,
        };
      }),
      stored: rows.length,
      duplicates: records.length - rows.length,
    };
    return result;
  }

  /**
   * Stores the two latest records in force of each series a batch wrote
   * to, their ids, periods and values, under the use cases' locks: the reads
   * of the org view then read the series table alone.
   */
  private async updateSeries(
    tx: Knex.Transaction,
    series: ReadonlyArray<{ use_case_ref: string; kpi_id: string }>,
  ) {
    const kpisOf = new Map<string, string[]>();
    for (const s of series) {
      kpisOf.set(s.use_case_ref, [
        ...(kpisOf.get(s.use_case_ref) ?? []),
        s.kpi_id,
      ]);
    }
    for (const [useCaseRef, kpiIds] of kpisOf) {
      for (const ids of chunks(kpiIds, LOOKUP_CHUNK)) {
        await tx(SERIES)
          .where({ use_case_ref: useCaseRef })
          .whereIn('kpi_id', ids)
          .update({
            latest_id: tx.raw(inForceOfSeries(SERIES, 0)),
            previous_id: tx.raw(inForceOfSeries(SERIES, 1)),
          });
        // Then their periods and values (an update sees the ids it replaces).
        const copied: Record<string, Knex.Raw> = {};
        for (const point of ['latest', 'previous']) {
          for (const column of ['period_start', 'period_end', 'value']) {
            copied[`${point}_${column}`] = tx.raw(
              `(select ${
                column === 'value' ? 'a.value' : this.dayOf(`a.${column}`)
              } from ${ACTUALS} a where a.id = ${SERIES}.${point}_id)`,
            );
          }
        }
        await tx(SERIES)
          .where({ use_case_ref: useCaseRef })
          .whereIn('kpi_id', ids)
          .update(copied);
      }
    }
  }

  /**
   * SQL for the UTC day (`YYYY-MM-DD`) of a stored period column: SQLite
   * holds the ISO string the store wrote, PostgreSQL a timestamp.
   */
  private dayOf(column: string): string {
    return this.postgres
      ? `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`
      : `substr(${column}, 1, 10)`;
  }

  /** Inserts ledger rows; returns their ids with their {@link periodKey}s. */
  private async insertRows(
    tx: Knex.Transaction,
    rows: Array<Record<string, string | number | null>>,
  ): Promise<Array<{ id: number; key: string }>> {
    if (!rows.length) return [];
    if (this.postgres) {
      // Each column bound as one array literal: knex and the pg driver would
      // otherwise walk and escape every element, a third of a push's time.
      const bindings = [
        rows[0].recorded_at,
        rows[0].idempotency_key,
        ...UNNEST_COLUMNS.map(([name, text]) =>
          arrayLiteral(
            rows.map(r => r[name]),
            text,
          ),
        ),
      ];
      // Periods come back as epoch milliseconds, not as timestamps to parse.
      const inserted = (await tx.raw(POSTGRES_UNNEST_INSERT, bindings)).rows;
      return inserted.map((r: any) => ({
        id: Number(r.id),
        key: periodKey(
          r.use_case_ref,
          r.kpi_id,
          Number(r.start_ms),
          Number(r.end_ms),
        ),
      }));
    }
    // One multi-row VALUES statement per chunk, written here: knex would
    // write a compound SELECT (at most 500 terms) and spend longer
    // compiling it than SQLite spends inserting.
    const columns = Object.keys(rows[0]);
    const row = `(${columns.map(() => '?').join(', ')})`;
    const inserted = [];
    for (const chunk of chunks(rows, INSERT_CHUNK)) {
      inserted.push(
        ...(await tx.raw(
          `insert into ${ACTUALS} (${columns.join(', ')}) values ${chunk
            .map(() => row)
            .join(
              ', ',
            )} returning id, use_case_ref, kpi_id, period_start, period_end`,
          chunk.flatMap(r => columns.map(c => r[c])),
        )),
      );
    }
    return inserted.map(r => ({
      id: Number(r.id),
      key: periodKey(r.use_case_ref, r.kpi_id, r.period_start, r.period_end),
    }));
  }

  /** What the ledger holds for the periods of a batch, whose {@link periodKey}s are `keys`. */
  private async periodStates(
    tx: Knex.Transaction,
    records: readonly NewKpiActual[],
    keys: readonly string[],
  ): Promise<Map<string, PeriodState>> {
    const periods = new Map<string, PeriodState>();
    if (!records.length) return periods;
    const wanted = new Set(keys);
    const starts = records.map(r => r.periodStart.getTime());
    const from = new Date(Math.min(...starts)).toISOString();
    const to = new Date(Math.max(...starts)).toISOString();
    const useCases = [...new Set(records.map(r => r.useCaseRef))];
    const kpis = [...new Set(records.map(r => r.kpiId))];
    for (const refs of chunks(useCases, LOOKUP_CHUNK)) {
      for (const ids of chunks(kpis, LOOKUP_CHUNK)) {
        const rows = await this.knownRecords(tx)
          .whereIn('a.use_case_ref', refs)
          .whereIn('a.kpi_id', ids)
          .whereBetween('a.period_start', [from, to])
          .orderBy('a.id', 'asc');
        for (const r of rows.map(toKnown)) {
          const pk = periodKey(
            r.useCaseRef,
            r.kpiId,
            r.periodStart,
            r.periodEnd,
          );
          if (!wanted.has(pk)) continue;
          let period = periods.get(pk);
          if (!period) {
            period = { values: new Map() };
            periods.set(pk, period);
          }
          if (!r.superseded) {
            period.effective = { id: r.id, value: r.value, unit: r.unit ?? '' };
          }
          const vk = valueKey(r.value, r.unit);
          if (!period.values.has(vk)) period.values.set(vk, { id: r.id });
        }
      }
    }
    return periods;
  }

  /** The records that corrections of the batch supersede. */
  private async supersedeTargets(
    tx: Knex.Transaction,
    records: readonly NewKpiActual[],
  ): Promise<Map<number, Known>> {
    const ids = [
      ...new Set(
        records.flatMap(r =>
          r.supersedes === null || r.supersedes === undefined
            ? []
            : [r.supersedes],
        ),
      ),
    ];
    const targets = new Map<number, Known>();
    for (const chunk of chunks(ids, LOOKUP_CHUNK)) {
      const rows = await this.knownRecords(tx).whereIn('a.id', chunk);
      for (const known of rows.map(toKnown)) {
        targets.set(known.id, known);
      }
    }
    return targets;
  }

  /** Records with whether a correction supersedes them; read with {@link toKnown}. */
  private knownRecords(tx: Knex.Transaction) {
    return tx(`${ACTUALS} as a`)
      .leftJoin(`${ACTUALS} as s`, 's.supersedes_id', 'a.id')
      .select(
        'a.id',
        'a.use_case_ref',
        'a.kpi_id',
        'a.period_start',
        'a.period_end',
        'a.value',
        'a.unit',
        's.id as superseded_by',
      );
  }

  /** The id of the latest definition version of each KPI of these records. */
  private async latestVersionIds(
    tx: Knex.Transaction,
    records: readonly NewKpiActual[],
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!records.length) return out;
    const useCases = [...new Set(records.map(r => r.useCaseRef))];
    for (const refs of chunks(useCases, LOOKUP_CHUNK)) {
      const rows = await tx(`${DEFINITIONS} as d`)
        .whereIn('d.use_case_ref', refs)
        .whereNotExists(
          tx(`${DEFINITIONS} as n`)
            .whereRaw('n.use_case_ref = d.use_case_ref')
            .whereRaw('n.kpi_id = d.kpi_id')
            .whereRaw('n.version > d.version'),
        )
        .select('d.id', 'd.use_case_ref', 'd.kpi_id');
      for (const r of rows) {
        out.set(`${r.use_case_ref}\u0000${r.kpi_id}`, Number(r.id));
      }
    }
    return out;
  }

  async listActuals(
    useCaseRef: string,
    options: { kpiId?: string; since?: Date } = {},
  ): Promise<KpiActualRecord[]> {
    const query = this.db(ACTUALS).where({ use_case_ref: useCaseRef });
    if (options.kpiId) query.where({ kpi_id: options.kpiId });
    if (options.since) {
      query.where('period_end', '>=', options.since.toISOString());
    }
    const rows = await query
      .select(this.actualColumns())
      .orderBy('kpi_id', 'asc')
      .orderBy('period_end', 'asc')
      .orderBy('id', 'asc');
    return rows.map(toRecord);
  }

  /** {@link KpiStore.listPoints}: the columns of a point only. */
  async listPoints(useCaseRef: string): Promise<KpiLedgerPoint[]> {
    const rows = await this.db(ACTUALS)
      .where({ use_case_ref: useCaseRef })
      .select(this.actualColumns(POINT_COLUMNS))
      .orderBy('kpi_id', 'asc')
      .orderBy('period_end', 'asc')
      .orderBy('id', 'asc');
    return rows.map(toPoint);
  }

  async getActuals(ids: readonly number[]): Promise<KpiActualRecord[]> {
    const records: KpiActualRecord[] = [];
    for (const chunk of chunks(ids, LOOKUP_CHUNK)) {
      const rows = await this.db(ACTUALS)
        .select(this.actualColumns())
        .whereIn('id', chunk);
      records.push(...rows.map(toRecord));
    }
    return records;
  }

  /**
   * The ledger's columns as records (or `columns` of them) are read: on
   * PostgreSQL, its three timestamps as epoch milliseconds, which the driver
   * reads as numbers; parsing them as dates was most of a value card's
   * time.
   */
  private actualColumns(
    columns: readonly string[] = RECORD_COLUMNS,
  ): Array<string | Knex.Raw> {
    const timestamps = ['period_start', 'period_end', 'recorded_at'];
    if (!this.postgres) return [...columns, ...timestamps];
    return [
      ...columns,
      ...timestamps.map(column =>
        this.db.raw(
          `(extract(epoch from ${column}) * 1000)::float8 as ${column}`,
        ),
      ),
    ];
  }

  async latestActuals(
    useCaseRefs?: readonly string[],
  ): Promise<KpiActualRecord[]> {
    if (useCaseRefs && !useCaseRefs.length) return [];
    const records: KpiActualRecord[] = [];
    const groups = useCaseRefs ? chunks(useCaseRefs, LOOKUP_CHUNK) : [null];
    for (const refs of groups) {
      const latest = this.db(SERIES).select('latest_id');
      if (refs) latest.whereIn('use_case_ref', refs);
      const rows = await this.db(ACTUALS)
        .select(this.actualColumns())
        .whereIn('id', latest);
      records.push(...rows.map(toRecord));
    }
    return records.sort(
      (x, y) => order(x.useCaseRef, y.useCaseRef) || order(x.kpiId, y.kpiId),
    );
  }

  async recentActuals(
    useCaseRefs?: readonly string[],
  ): Promise<KpiRecentPoint[]> {
    if (useCaseRefs && !useCaseRefs.length) return [];
    const rows: any[] = [];
    const groups = useCaseRefs ? chunks(useCaseRefs, LOOKUP_CHUNK) : [null];
    for (const refs of groups) {
      const query = this.db(SERIES).whereNotNull('latest_id');
      if (refs) query.whereIn('use_case_ref', refs);
      rows.push(...(await query));
    }
    const points: KpiRecentPoint[] = [];
    for (const r of rows) {
      for (const point of ['previous', 'latest']) {
        if (r[`${point}_id`] === null) continue;
        points.push({
          id: Number(r[`${point}_id`]),
          useCaseRef: r.use_case_ref,
          kpiId: r.kpi_id,
          periodStart: r[`${point}_period_start`],
          periodEnd: r[`${point}_period_end`],
          value: Number(r[`${point}_value`]),
        });
      }
    }
    return points.sort(
      (x, y) =>
        order(x.useCaseRef, y.useCaseRef) ||
        order(x.kpiId, y.kpiId) ||
        order(x.periodEnd, y.periodEnd),
    );
  }

  async recordDefinitions(
    useCaseRef: string,
    definitions: readonly KpiDefinitionInput[],
    now: Date,
  ): Promise<KpiDefinitionVersion[]> {
    if (!definitions.length) return [];
    return this.db.transaction(async tx => {
      await this.lockUseCases(tx, [useCaseRef]);
      return (await this.syncDefinitions(tx, useCaseRef, definitions, now))
        .added;
    });
  }

  /**
   * Adds a version of each definition whose key changed, under the use
   * case's lock; returns them, and the id of each KPI's latest version.
   */
  private async syncDefinitions(
    tx: Knex.Transaction,
    useCaseRef: string,
    definitions: readonly KpiDefinitionInput[],
    now: Date,
  ): Promise<{
    added: KpiDefinitionVersion[];
    latestIds: Map<string, number>;
  }> {
    const latest = new Map<
      string,
      { id?: number; version: number; key: string }
    >();
    const stored = await tx(DEFINITIONS)
      .where({ use_case_ref: useCaseRef })
      .select('id', 'kpi_id', 'version', 'key');
    for (const r of stored) {
      const version = Number(r.version);
      if ((latest.get(r.kpi_id)?.version ?? 0) < version) {
        latest.set(r.kpi_id, { id: Number(r.id), version, key: r.key });
      }
    }
    const rows = [];
    for (const d of definitions) {
      const previous = latest.get(d.kpiId);
      if (previous?.key === d.key) continue;
      const version = (previous?.version ?? 0) + 1;
      latest.set(d.kpiId, { version, key: d.key });
      rows.push({
        use_case_ref: useCaseRef,
        kpi_id: d.kpiId,
        version,
        key: d.key,
        definition: JSON.stringify(d.definition),
        valid_from: now.toISOString(),
      });
    }
    const added = rows.length
      ? (await tx(DEFINITIONS).insert(rows).returning('*')).map(
          toDefinitionVersion,
        )
      : [];
    const latestIds = new Map<string, number>();
    for (const [kpiId, { id }] of latest) {
      if (id !== undefined) latestIds.set(kpiId, id);
    }
    for (const version of added) latestIds.set(version.kpiId, version.id);
    return { added, latestIds };
  }

  async definitionVersions(
    useCaseRef: string,
  ): Promise<KpiDefinitionVersion[]> {
    const rows = await this.db(DEFINITIONS)
      .where({ use_case_ref: useCaseRef })
      .orderBy('kpi_id', 'asc')
      .orderBy('version', 'asc');
    return rows.map(toDefinitionVersion);
  }

  async claimReminder(scope: string, now: Date): Promise<boolean> {
    const inserted = await this.db(REMINDERS)
      .insert({ scope, sent_at: now.toISOString() })
      .onConflict('scope')
      .ignore()
      .returning('scope');
    return inserted.length === 1;
  }

  async sourceCursor(sourceId: string): Promise<Date | undefined> {
    const row = await this.db(SOURCE_CURSORS)
      .where({ source_id: sourceId })
      .first();
    return row ? toDate(row.pulled_at) : undefined;
  }

  async setSourceCursor(sourceId: string, pulledAt: Date): Promise<void> {
    await this.db(SOURCE_CURSORS)
      .insert({ source_id: sourceId, pulled_at: pulledAt.toISOString() })
      .onConflict('source_id')
      .merge();
  }
}
