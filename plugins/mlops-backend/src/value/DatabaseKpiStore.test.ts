import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { DatabaseKpiStore } from './DatabaseKpiStore';
import {
  IdempotencyKeyConflictError,
  KpiConflictError,
  KpiSupersedesError,
  KpiValueConflictError,
} from './errors';
import type { NewKpiActual } from './KpiStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const CHURN = 'mlusecase:default/churn-prevention';
const FRAUD = 'mlusecase:default/card-fraud-detection';
const NOW = new Date('2026-12-07T10:00:00.000Z');
const VALUE_TABLES = [
  'mlops_value_actuals',
  'mlops_value_definitions',
  'mlops_value_batches',
  'mlops_value_series',
  'mlops_value_reminders',
  'mlops_value_source_cursors',
];

/** The churn rate for a month of 2026 (1-based), as a pipeline reports it. */
function monthly(
  month: number,
  value: number,
  extra: Partial<NewKpiActual> = {},
): NewKpiActual {
  return {
    useCaseRef: CHURN,
    kpiId: 'churn-rate',
    periodStart: new Date(Date.UTC(2026, month - 1, 1)),
    periodEnd: new Date(Date.UTC(2026, month, 1)),
    value,
    unit: '%',
    sourceKind: 'pipeline',
    sourceName: 'churn-kpi-export',
    recordedBy: 'plugin:churn-pipeline',
    ...extra,
  };
}

/** A sponsor's correction of a stored record. */
function correction(
  month: number,
  value: number,
  supersedes: number,
): NewKpiActual {
  return monthly(month, value, {
    sourceKind: 'person',
    sourceName: null,
    recordedBy: 'user:default/maria-silva',
    comment: 'The export counted trial accounts',
    supersedes,
  });
}

describe.each(databases.eachSupportedId())(
  'DatabaseKpiStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseKpiStore;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      store = new DatabaseKpiStore(knex);
    });

    async function ledgerSize() {
      const [{ n }] = await knex('mlops_value_actuals').count({ n: '*' });
      return Number(n);
    }

    it('migrates down and up again', async () => {
      for (const table of VALUE_TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: '20261207100000_value.js',
      });
      for (const table of VALUE_TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      for (const table of VALUE_TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
    });

    it("keeps each KPI source's cursor", async () => {
      expect(await store.sourceCursor('warehouse')).toBeUndefined();
      await store.setSourceCursor(
        'warehouse',
        new Date('2026-11-01T00:00:00Z'),
      );
      await store.setSourceCursor(
        'warehouse',
        new Date('2026-12-01T00:00:00Z'),
      );
      expect(await store.sourceCursor('warehouse')).toEqual(
        new Date('2026-12-01T00:00:00Z'),
      );
    });

    it('appends actuals and lists every field of them, by KPI and period', async () => {
      const result = await store.appendActuals(
        [
          monthly(2, 11.5, { evidenceUrl: 'https://bi.example.com/churn/2' }),
          monthly(1, 12.4),
        ],
        { now: NOW },
      );
      expect(result).toEqual({
        records: [
          { id: expect.any(Number), status: 'stored' },
          { id: expect.any(Number), status: 'stored' },
        ],
        stored: 2,
        duplicates: 0,
      });
      const listed = await store.listActuals(CHURN);
      expect(listed).toEqual([
        {
          ...monthly(1, 12.4),
          id: result.records[1].id,
          recordedAt: NOW,
          comment: null,
          evidenceUrl: null,
          supersedes: null,
          definitionVersionId: null,
          idempotencyKey: null,
        },
        {
          ...monthly(2, 11.5),
          id: result.records[0].id,
          recordedAt: NOW,
          comment: null,
          evidenceUrl: 'https://bi.example.com/churn/2',
          supersedes: null,
          definitionVersionId: null,
          idempotencyKey: null,
        },
      ]);
      expect(
        await store.listActuals(CHURN, {
          since: new Date('2026-02-15T00:00:00Z'),
        }),
      ).toEqual([expect.objectContaining({ value: 11.5 })]);
      expect(await store.listActuals(CHURN, { kpiId: 'nps' })).toEqual([]);
      expect(await store.listActuals(FRAUD)).toEqual([]);
    });

    it('stores text exactly as given, quotes, backslashes, braces, commas and the word NULL included, and maps each id to its record', async () => {
      const awkward = [
        'He said "NULL", then {left,right} \\ and \\"',
        'NULL',
        '',
        'Ünïcödé ✓, tab\tand\nnewline',
      ];
      const records = awkward.map((comment, i) =>
        monthly(i + 1, 10 + i, {
          comment,
          sourceName: comment || null,
          evidenceUrl: `https://bi.example.com/{${i}}?q="a,b"`,
        }),
      );
      const result = await store.appendActuals(records, { now: NOW });
      const listed = await store.listActuals(CHURN);
      expect(listed.map(r => [r.id, r.comment, r.sourceName, r.value])).toEqual(
        awkward.map((comment, i) => [
          result.records[i].id,
          comment,
          comment || null,
          10 + i,
        ]),
      );
      expect(listed.map(r => r.evidenceUrl)).toEqual(
        records.map(r => r.evidenceUrl),
      );
    });

    it('lists a use case’s records as points, and gives records by id', async () => {
      const stored = await store.appendActuals(
        [monthly(1, 12.4), monthly(2, 11.5, { comment: 'after the close' })],
        { now: NOW },
      );
      await store.appendActuals([correction(1, 12.2, stored.records[0].id)], {
        now: NOW,
      });
      const records = await store.listActuals(CHURN);
      expect(await store.listPoints(CHURN)).toEqual(
        records.map(r => ({
          id: r.id,
          kpiId: r.kpiId,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          value: r.value,
          supersedes: r.supersedes,
          recordedAt: r.recordedAt,
        })),
      );
      expect(await store.listPoints(FRAUD)).toEqual([]);
      const ids = [records[2].id, records[0].id];
      expect((await store.getActuals(ids)).sort((a, b) => a.id - b.id)).toEqual(
        [records[0], records[2]],
      );
      expect(await store.getActuals([])).toEqual([]);
    });

    it('answers a retry under the same idempotency key with the first answer and stores nothing again', async () => {
      const batch = [monthly(1, 12.4), monthly(2, 11.5)];
      const options = { idempotencyKey: 'churn-2026-02', requestHash: 'h1' };
      const first = await store.appendActuals(batch, options);
      const retry = await store.appendActuals(batch, options);
      expect(retry).toEqual({ ...first, replayed: true });
      expect(await ledgerSize()).toBe(2);
      expect(
        (await store.listActuals(CHURN)).map(r => r.idempotencyKey),
      ).toEqual(['churn-2026-02', 'churn-2026-02']);
    });

    it('refuses a different request under a key already used', async () => {
      await store.appendActuals([monthly(1, 12.4)], {
        idempotencyKey: 'churn-2026-01',
      });
      const other = store.appendActuals([monthly(1, 13)], {
        idempotencyKey: 'churn-2026-01',
      });
      await expect(other).rejects.toThrow(IdempotencyKeyConflictError);
      await expect(other).rejects.toMatchObject({
        name: 'ConflictError',
        field: 'idempotencyKey',
      });
      expect(await ledgerSize()).toBe(1);
    });

    it('takes the same value for a period again as a duplicate, without a new record', async () => {
      const [first] = (await store.appendActuals([monthly(1, 12.4)])).records;
      const again = await store.appendActuals([
        monthly(1, 12.4),
        monthly(2, 11.5),
        monthly(2, 11.5),
      ]);
      expect(again.records).toEqual([
        { id: first.id, status: 'duplicate' },
        { id: expect.any(Number), status: 'stored' },
        { id: again.records[1].id, status: 'duplicate' },
      ]);
      expect(again).toMatchObject({ stored: 1, duplicates: 2 });
      expect(await ledgerSize()).toBe(2);
    });

    it('refuses a different value for a period that has one, naming the KPI and period, and stores nothing of the batch', async () => {
      const [january] = (await store.appendActuals([monthly(1, 12.4)])).records;
      const batch = [monthly(2, 11.5), monthly(3, 11.1), monthly(1, 12.9)];
      const append = store.appendActuals(batch, { idempotencyKey: 'k' });
      await expect(append).rejects.toThrow(KpiValueConflictError);
      await expect(append).rejects.toMatchObject({
        name: 'ConflictError',
        field: 'value',
        kpiId: 'churn-rate',
        existingId: january.id,
        existingValue: 12.4,
        message: expect.stringMatching(
          /KPI "churn-rate" of mlusecase:default\/churn-prevention already has 12\.4 % for the period 2026-01-01 – 2026-02-01/,
        ),
      });
      expect(await ledgerSize()).toBe(1);
      // The refused batch did not take the key: fixed, it goes through.
      batch[2] = monthly(1, 12.4);
      expect(
        await store.appendActuals(batch, { idempotencyKey: 'k' }),
      ).toMatchObject({ stored: 2, duplicates: 1 });
    });

    it('refuses two different values for one period within a batch', async () => {
      await expect(
        store.appendActuals([monthly(1, 12.4), monthly(1, 12.9)]),
      ).rejects.toThrow(/in this batch/);
      expect(await ledgerSize()).toBe(0);
    });

    it('stores a correction that supersedes a record, and refuses a second correction of that record', async () => {
      const [original] = (await store.appendActuals([monthly(1, 12.4)]))
        .records;
      const [fixed] = (
        await store.appendActuals([correction(1, 13.1, original.id)])
      ).records;
      expect(fixed.status).toBe('stored');
      const again = store.appendActuals([correction(1, 13.3, original.id)]);
      await expect(again).rejects.toThrow(KpiSupersedesError);
      await expect(again).rejects.toMatchObject({
        field: 'supersedes',
        problem: 'already-superseded',
      });
      // The correction itself can be corrected.
      await store.appendActuals([correction(1, 13.3, fixed.id)]);
      expect(
        (await store.listActuals(CHURN)).map(r => [r.value, r.supersedes]),
      ).toEqual([
        [12.4, null],
        [13.1, original.id],
        [13.3, fixed.id],
      ]);
    });

    it('refuses a correction of another KPI’s record, or of a record that does not exist', async () => {
      const [nps] = (
        await store.appendActuals([monthly(1, 41, { kpiId: 'nps', unit: '' })])
      ).records;
      await expect(
        store.appendActuals([correction(1, 13.1, nps.id)]),
      ).rejects.toMatchObject({ problem: 'other-kpi', field: 'supersedes' });
      await expect(
        store.appendActuals([correction(1, 13.1, nps.id + 1000)]),
      ).rejects.toMatchObject({ problem: 'unknown', field: 'supersedes' });
      expect(await ledgerSize()).toBe(1);
    });

    it('does not let a pipeline re-pushing a corrected value undo the correction', async () => {
      const [original] = (await store.appendActuals([monthly(1, 12.4)]))
        .records;
      await store.appendActuals([correction(1, 13.1, original.id)]);
      const repush = await store.appendActuals([monthly(1, 12.4)]);
      expect(repush.records).toEqual([
        { id: original.id, status: 'duplicate' },
      ]);
      await expect(store.appendActuals([monthly(1, 14)])).rejects.toThrow(
        KpiConflictError,
      );
      const [latest] = await store.latestActuals([CHURN]);
      expect(latest.value).toBe(13.1);
    });

    it('gives per use case and KPI the effective point of the latest period, skipping corrected records', async () => {
      const stored = await store.appendActuals([
        monthly(1, 12.4),
        monthly(2, 11.5),
        monthly(1, 40, { kpiId: 'nps', unit: null }),
        monthly(1, 0.91, { useCaseRef: FRAUD, kpiId: 'recall', unit: null }),
      ]);
      const february = stored.records[1].id;
      await store.appendActuals([correction(2, 11.9, february)]);

      const latest = await store.latestActuals();
      expect(latest.map(r => [r.useCaseRef, r.kpiId, r.value])).toEqual([
        [FRAUD, 'recall', 0.91],
        [CHURN, 'churn-rate', 11.9],
        [CHURN, 'nps', 40],
      ]);
      expect(latest[1]).toMatchObject({
        supersedes: february,
        recordedBy: 'user:default/maria-silva',
      });
      expect((await store.latestActuals([CHURN])).map(r => r.kpiId)).toEqual([
        'churn-rate',
        'nps',
      ]);
      expect(await store.latestActuals([])).toEqual([]);
    });

    it('gives per use case and KPI the two latest points in force, oldest first', async () => {
      const stored = await store.appendActuals([
        monthly(1, 12.4),
        monthly(2, 11.5),
        monthly(3, 11.0),
        monthly(1, 40, { kpiId: 'nps', unit: null }),
      ]);
      // March corrected twice: only the last correction is in force.
      const first = await store.appendActuals([
        correction(3, 10.8, stored.records[2].id),
      ]);
      await store.appendActuals([correction(3, 10.9, first.records[0].id)]);

      const recent = await store.recentActuals([CHURN]);
      expect(recent.map(r => [r.kpiId, r.value])).toEqual([
        ['churn-rate', 11.5],
        ['churn-rate', 10.9],
        ['nps', 40],
      ]);
      expect(await store.recentActuals([FRAUD])).toEqual([]);
    });

    it('keeps the two latest points in force when older periods are backfilled and the previous one is corrected', async () => {
      await store.appendActuals([monthly(3, 11.0)]);
      const backfill = await store.appendActuals([
        monthly(1, 12.4),
        monthly(2, 11.5),
      ]);
      expect((await store.recentActuals([CHURN])).map(r => r.value)).toEqual([
        11.5, 11.0,
      ]);
      await store.appendActuals([correction(2, 11.7, backfill.records[1].id)]);
      expect((await store.recentActuals([CHURN])).map(r => r.value)).toEqual([
        11.7, 11.0,
      ]);
      expect((await store.latestActuals([CHURN]))[0].value).toBe(11.0);
    });

    it('records a new definition version only when the definition changes, and each point keeps the version it was reported under', async () => {
      const churn = (target: number) => ({
        kpiId: 'churn-rate',
        key: `baseline=14;target=${target};unit=%;direction=down`,
        definition: { baseline: 14, target, unit: '%', direction: 'down' },
      });
      const nps = {
        kpiId: 'nps',
        key: 'baseline=30;target=45',
        definition: { baseline: 30, target: 45 },
      };
      const first = await store.recordDefinitions(CHURN, [churn(10), nps], NOW);
      expect(first.map(v => [v.kpiId, v.version])).toEqual([
        ['churn-rate', 1],
        ['nps', 1],
      ]);
      await store.appendActuals([monthly(1, 12.4)]);

      const later = new Date('2027-01-01T00:00:00.000Z');
      expect(
        await store.recordDefinitions(CHURN, [churn(10), nps], later),
      ).toEqual([]);
      const changed = await store.recordDefinitions(
        CHURN,
        [churn(9), nps],
        later,
      );
      expect(changed).toEqual([
        {
          id: expect.any(Number),
          useCaseRef: CHURN,
          kpiId: 'churn-rate',
          version: 2,
          key: churn(9).key,
          definition: churn(9).definition,
          validFrom: later,
        },
      ]);
      await store.appendActuals([monthly(2, 11.5)]);

      const versions = await store.definitionVersions(CHURN);
      expect(versions.map(v => [v.kpiId, v.version, v.validFrom])).toEqual([
        ['churn-rate', 1, NOW],
        ['churn-rate', 2, later],
        ['nps', 1, NOW],
      ]);
      expect(
        (await store.listActuals(CHURN)).map(r => r.definitionVersionId),
      ).toEqual([versions[0].id, versions[1].id]);
    });

    it('records the definitions given with a batch in its transaction, ties the batch to them, and records none when the batch is refused', async () => {
      const churn = (target: number) => ({
        kpiId: 'churn-rate',
        key: `baseline=14;target=${target}`,
        definition: { baseline: 14, target },
      });
      const declared = (target: number) => new Map([[CHURN, [churn(target)]]]);
      await store.appendActuals([monthly(1, 12.4)], {
        definitions: declared(10),
      });
      await store.appendActuals([monthly(2, 12.0)], {
        definitions: declared(10),
      });
      await expect(
        store.appendActuals([monthly(2, 11.0)], { definitions: declared(8) }),
      ).rejects.toThrow(/churn-rate/);
      await store.appendActuals([monthly(3, 11.5)], {
        definitions: declared(9),
      });

      const versions = await store.definitionVersions(CHURN);
      expect(versions.map(v => [v.version, v.definition.target])).toEqual([
        [1, 10],
        [2, 9],
      ]);
      expect(
        (await store.listActuals(CHURN)).map(r => r.definitionVersionId),
      ).toEqual([versions[0].id, versions[0].id, versions[1].id]);
    });

    it('claims a reminder exactly once, also under 8 concurrent calls', async () => {
      const scope = `check-in-due:${CHURN}:churn-rate:2026-11`;
      const claims = await Promise.all(
        Array.from({ length: 8 }, () => store.claimReminder(scope, NOW)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.claimReminder(scope, NOW)).toBe(false);
      expect(
        await store.claimReminder(
          `check-in-due:${CHURN}:churn-rate:2026-12`,
          NOW,
        ),
      ).toBe(true);
    });

    it('stores one of two concurrent different values for a period and refuses the other', async () => {
      const outcomes = await Promise.allSettled([
        store.appendActuals([monthly(1, 12.4)]),
        store.appendActuals([monthly(1, 12.9)]),
      ]);
      expect(outcomes.map(o => o.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      expect(
        outcomes.find(o => o.status === 'rejected')?.reason,
      ).toBeInstanceOf(KpiValueConflictError);
      expect(await ledgerSize()).toBe(1);
    });

    it('answers concurrent retries of one batch once, with one answer', async () => {
      const batch = [monthly(1, 12.4), monthly(2, 11.5)];
      const results = await Promise.all(
        Array.from({ length: 4 }, () =>
          store.appendActuals(batch, { idempotencyKey: 'churn-q1' }),
        ),
      );
      // One answer, given first and then replayed to the others.
      const { replayed: _replayed, ...answer } = results[0];
      for (const result of results) {
        expect({ ...result, replayed: undefined }).toEqual({
          ...answer,
          replayed: undefined,
        });
      }
      expect(results.filter(r => !r.replayed)).toHaveLength(1);
      expect(await ledgerSize()).toBe(2);
    });

    it('refuses a record without a finite value, naming the field', async () => {
      await expect(
        store.appendActuals([monthly(1, 12.4), monthly(2, Number.NaN)]),
      ).rejects.toThrow('records[1].value must be a finite number');
    });
  },
);
