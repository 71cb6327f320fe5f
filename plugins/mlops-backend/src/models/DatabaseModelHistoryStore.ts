import type { Knex } from 'knex';
import type { ModelHistoryEntry, ModelHistoryStore } from './ModelHistoryStore';

const TABLE = 'mlops_model_history';
const CHUNK = 500;

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
      const latest = new Map<string, ModelHistoryEntry>();
      for (let i = 0; i < models.length; i += CHUNK) {
        const refs = models.slice(i, i + CHUNK).map(m => m.modelRef);
        const rows = await tx(TABLE)
          .whereIn('model_ref', refs)
          .orderBy('observed_at', 'asc')
          .orderBy('id', 'asc');
        for (const row of rows) latest.set(row.model_ref, entryOf(row));
      }
      const added = models
        .filter(m => {
          const last = latest.get(m.modelRef);
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
      return added;
    });
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
}
