import {
  ProductionChange,
  productionChanges,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { epochMillis } from '../database/epochMillis';
import { readKeyedRows } from '../database/readInChunks';
import type { ModelHistoryEntry, ModelHistoryStore } from './ModelHistoryStore';

const TABLE = 'mlops_model_history';
const CHANGES = 'mlops_model_production_changes';
const CHUNK = 500;

const toDate = (value: Date | string | number) =>
  value instanceof Date ? value : new Date(value);

function entryOf(row: any): ModelHistoryEntry {
  return {
    modelRef: row.model_ref,
    version: row.version ?? null,
    lifecycle: row.lifecycle,
    observedAt: new Date(row.observed_at),
  };
}

/** {@link ModelHistoryStore} on the plugin's database. */
export class DatabaseModelHistoryStore implements ModelHistoryStore {
  constructor(private readonly db: Knex) {}

  async record(
    models: ReadonlyArray<Omit<ModelHistoryEntry, 'observedAt'>>,
    now: Date,
  ): Promise<ModelHistoryEntry[]> {
    if (!models.length) return [];
    return this.db.transaction(async tx => {
      const histories = new Map<string, ModelHistoryEntry[]>();
      for (let i = 0; i < models.length; i += CHUNK) {
        const refs = models.slice(i, i + CHUNK).map(m => m.modelRef);
        const rows = await tx(TABLE)
          .whereIn('model_ref', refs)
          .orderBy('observed_at', 'asc')
          .orderBy('id', 'asc');
        for (const row of rows) {
          const list = histories.get(row.model_ref) ?? [];
          list.push(entryOf(row));
          histories.set(row.model_ref, list);
        }
      }
      const added = models
        .filter(m => {
          const history = histories.get(m.modelRef);
          const last = history?.[history.length - 1];
          return (
            !last ||
            last.version !== m.version ||
            last.lifecycle !== m.lifecycle
          );
        })
        .map(m => ({ ...m, observedAt: now }));
      for (let i = 0; i < added.length; i += CHUNK) {
        await tx(TABLE).insert(
          added.slice(i, i + CHUNK).map(m => ({
            model_ref: m.modelRef,
            version: m.version,
            lifecycle: m.lifecycle,
            observed_at: now.toISOString(),
          })),
        );
      }
      // The new production versions the added entries make, each folded
      // with its model's history as the delivery metrics would fold it.
      const since = (await historySince(tx)) ?? now;
      await insertChanges(
        tx,
        added.flatMap(entry =>
          productionChanges(
            [...(histories.get(entry.modelRef) ?? []), entry],
            since,
          ).filter(change => change.at.getTime() === now.getTime()),
        ),
      );
      return added;
    });
  }

  /**
   * Stores the production changes of the whole history that are not stored
   * yet — those of entries recorded before the production changes were
   * (the plugin runs it when it starts) — and returns how many it added.
   */
  async backfill(): Promise<number> {
    const before = await countChanges(this.db);
    const rows = await this.db(TABLE)
      .select('model_ref', 'version', 'lifecycle', 'observed_at')
      .orderBy('observed_at', 'asc')
      .orderBy('id', 'asc');
    await insertChanges(
      this.db,
      productionChanges(rows.map(entryOf), await historySince(this.db)),
    );
    return (await countChanges(this.db)) - before;
  }

  async history(modelRefs: readonly string[]): Promise<ModelHistoryEntry[]> {
    const out: ModelHistoryEntry[] = [];
    for (let i = 0; i < modelRefs.length; i += CHUNK) {
      const rows = await this.db(TABLE)
        .whereIn('model_ref', modelRefs.slice(i, i + CHUNK) as string[])
        .orderBy('observed_at', 'asc')
        .orderBy('id', 'asc');
      out.push(...rows.map(entryOf));
    }
    return out.sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  }

  async productionChanges(
    modelRefs: readonly string[],
    since: Date,
  ): Promise<ProductionChange[]> {
    const rows = await readKeyedRows<any>(
      modelRefs,
      row => row.model_ref,
      refs =>
        this.db(CHANGES)
          .select(
            'model_ref',
            'version',
            'rollback',
            epochMillis(this.db, 'changed_at', 'changed_at'),
          )
          .modify(query => {
            if (refs) query.whereIn('model_ref', refs);
          })
          .where('changed_at', '>', since.toISOString()),
    );
    const out: ProductionChange[] = rows.map(row => ({
      modelRef: row.model_ref,
      version: row.version ?? null,
      at: toDate(row.changed_at),
      rollback: Boolean(row.rollback),
    }));
    // Oldest first; changes at the same moment by model, whatever the order
    // the database returned them in.
    return out.sort((a, b) => {
      const byTime = a.at.getTime() - b.at.getTime();
      if (byTime !== 0 || a.modelRef === b.modelRef) return byTime;
      return a.modelRef < b.modelRef ? -1 : 1;
    });
  }

  async withHistory(modelRefs: readonly string[]): Promise<Set<string>> {
    const rows = await readKeyedRows<{ model_ref: string }>(
      modelRefs,
      row => row.model_ref,
      refs =>
        this.db(TABLE)
          .distinct('model_ref')
          .modify(query => {
            if (refs) query.whereIn('model_ref', refs);
          }),
    );
    return new Set(rows.map(row => row.model_ref));
  }
}

/** When the model history began: its first entry for any model. */
async function historySince(db: Knex): Promise<Date | undefined> {
  const row = await db(TABLE).min({ first: 'observed_at' }).first();
  return row?.first ? toDate(row.first) : undefined;
}

async function countChanges(db: Knex): Promise<number> {
  const [{ n }] = await db(CHANGES).count({ n: '*' });
  return Number(n);
}

/** Stores production changes; one already stored (its model and time) is left as it is. */
async function insertChanges(db: Knex, changes: readonly ProductionChange[]) {
  for (let i = 0; i < changes.length; i += CHUNK) {
    await db(CHANGES)
      .insert(
        changes.slice(i, i + CHUNK).map(change => ({
          model_ref: change.modelRef,
          version: change.version,
          rollback: change.rollback,
          changed_at: change.at.toISOString(),
        })),
      )
      .onConflict(['model_ref', 'changed_at'])
      .ignore();
  }
}
