import type {
  DiagnosticDriftTransition,
  DiagnosticScorecard,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { epochMillis } from '../database/epochMillis';
import { readInChunks, readKeyedRows } from '../database/readInChunks';

const ACCEPTANCE_CHECK = 'model.acceptance-criteria-met';

const toDate = (value: Date | string | number) =>
  value instanceof Date ? value : new Date(value);

/**
 * The diagnostic's reads of the other features' tables for many entities at
 * once, where their stores read one entity at a time (a scorecard, a
 * monitor's transitions, an entity's history): one query per 500 entities
 * instead of one per entity, so the organisation's diagnostic stays within
 * its second. Read-only; the tables stay their features' own.
 */
export class DiagnosticInputs {
  /**
   * Each entity's scorecard as last parsed, by the hash of the results it
   * was parsed from: a scorecard stored as it was last read is neither read
   * nor parsed again, and the next request gets the same object.
   */
  private readonly parsed = new Map<
    string,
    { hash: string; scorecard: DiagnosticScorecard }
  >();

  constructor(private readonly db: Knex) {}

  /** The latest stored scorecard (level and check outcomes) of each entity that has one. */
  async scorecards(
    entityRefs: readonly string[],
  ): Promise<DiagnosticScorecard[]> {
    // The store writes the hash with the results (of the level, score,
    // results, owner and title): the same hash, the same results.
    const stored = await readKeyedRows<{
      entity_ref: string;
      results_hash: string;
    }>(
      entityRefs,
      row => row.entity_ref,
      refs => {
        const query = this.db('mlops_scorecards').select(
          'entity_ref',
          'results_hash',
        );
        return refs ? query.whereIn('entity_ref', refs) : query;
      },
    );
    const unread = stored.filter(
      row => this.parsed.get(row.entity_ref)?.hash !== row.results_hash,
    );
    const rows = await readKeyedRows<{
      entity_ref: string;
      level: number | string;
      results: string;
      results_hash: string;
    }>(
      unread.map(row => row.entity_ref),
      row => row.entity_ref,
      refs => {
        const query = this.db('mlops_scorecards').select(
          'entity_ref',
          'level',
          'results',
          'results_hash',
        );
        return refs ? query.whereIn('entity_ref', refs) : query;
      },
    );
    for (const row of rows) {
      this.parsed.set(row.entity_ref, {
        hash: row.results_hash,
        scorecard: {
          entityRef: row.entity_ref,
          level: Number(row.level) as DiagnosticScorecard['level'],
          results: (
            JSON.parse(row.results) as DiagnosticScorecard['results']
          ).map(r => ({ checkId: r.checkId, outcome: r.outcome })),
        },
      });
    }
    return stored.flatMap(row => {
      const known = this.parsed.get(row.entity_ref);
      return known ? [known.scorecard] : [];
    });
  }

  /** When each entity's first stored scorecard was recorded: when the portal first saw it. */
  async firstSeen(entityRefs: readonly string[]): Promise<Map<string, Date>> {
    const rows = await readInChunks<{
      entity_ref: string;
      first: string | Date;
    }>(entityRefs, refs =>
      this.db('mlops_scorecard_history')
        .select('entity_ref')
        .min({ first: 'recorded_at' })
        .whereIn('entity_ref', refs)
        .groupBy('entity_ref'),
    );
    return new Map(rows.map(row => [row.entity_ref, toDate(row.first)]));
  }

  /**
   * The scorecard history entries of the models since `since` that record
   * `model.acceptance-criteria-met` as failed (an entry is recorded only
   * when an entity's results change).
   */
  async acceptanceFailures(
    modelRefs: readonly string[],
    since: Date,
  ): Promise<Array<{ modelRef: string; at: Date }>> {
    const rows = await readKeyedRows<{
      entity_ref: string;
      recorded_at: Date | string;
      results: string;
    }>(
      modelRefs,
      row => row.entity_ref,
      refs => {
        const query = this.db('mlops_scorecard_history')
          .select('entity_ref', 'recorded_at', 'results')
          .where('recorded_at', '>', since.toISOString())
          // A cheap filter before the JSON is parsed.
          .where('results', 'like', `%${ACCEPTANCE_CHECK}%`);
        return refs ? query.whereIn('entity_ref', refs) : query;
      },
    );
    return rows
      .filter(row =>
        (JSON.parse(row.results) as DiagnosticScorecard['results']).some(
          r => r.checkId === ACCEPTANCE_CHECK && r.outcome === 'failed',
        ),
      )
      .map(row => ({ modelRef: row.entity_ref, at: toDate(row.recorded_at) }));
  }

  /**
   * The drift transitions of the monitors after `since`, and before them
   * only what the time to restore needs of the past: for each monitor whose
   * alert was still open at `since`, the transition that opened it (its
   * first to "alert" after its last to "healthy"), found by the database.
   * The diagnostic's windows begin at `since` or later, so nothing it
   * counts is left out.
   */
  async driftTransitions(
    monitorRefs: readonly string[],
    since: Date,
  ): Promise<DiagnosticDriftTransition[]> {
    const at = since.toISOString();
    const transitionOf = (row: any): DiagnosticDriftTransition => ({
      monitorRef: row.monitor_ref,
      from: row.from_state,
      to: row.to_state,
      at: toDate(row.at),
    });
    const rows = await readKeyedRows<any>(
      monitorRefs,
      row => row.monitor_ref,
      async refs => {
        const [open, recent] = await Promise.all([
          this.db('mlops_drift_transitions as t')
            .select(
              't.monitor_ref',
              't.from_state',
              't.to_state',
              epochMillis(this.db, 't.at', 'at'),
            )
            .modify(query => {
              if (refs) query.whereIn('t.monitor_ref', refs);
            })
            .where('t.to_state', 'alert')
            .where('t.at', '<=', at)
            // No transition to "healthy" at or after it, up to `since`…
            .whereNotExists(healthy =>
              healthy
                .select('h.id')
                .from('mlops_drift_transitions as h')
                .whereRaw('h.monitor_ref = t.monitor_ref')
                .where('h.to_state', 'healthy')
                .whereRaw('h.at >= t.at')
                .where('h.at', '<=', at),
            )
            // …and no earlier transition to "alert" with none either.
            .whereNotExists(earlier =>
              earlier
                .select('e.id')
                .from('mlops_drift_transitions as e')
                .whereRaw('e.monitor_ref = t.monitor_ref')
                .where('e.to_state', 'alert')
                .whereRaw('e.at < t.at')
                .whereNotExists(healthy =>
                  healthy
                    .select('h2.id')
                    .from('mlops_drift_transitions as h2')
                    .whereRaw('h2.monitor_ref = e.monitor_ref')
                    .where('h2.to_state', 'healthy')
                    .whereRaw('h2.at >= e.at')
                    .whereRaw('h2.at < t.at'),
                ),
            ),
          this.db('mlops_drift_transitions')
            .select(
              'monitor_ref',
              'from_state',
              'to_state',
              epochMillis(this.db, 'at', 'at'),
            )
            .modify(query => {
              if (refs) query.whereIn('monitor_ref', refs);
            })
            .where('at', '>', at),
        ]);
        return [...open, ...recent];
      },
    );
    return rows.map(transitionOf);
  }

  /** When the model history began: its first entry for any model. */
  async modelHistorySince(): Promise<Date | undefined> {
    const row = await this.db('mlops_model_history')
      .min({ first: 'observed_at' })
      .first();
    return row?.first ? toDate(row.first) : undefined;
  }
}
