import { createHash } from 'crypto';
import type { Knex } from 'knex';
import { deleteEntityRowsExcept } from '../database/deleteEntityRowsExcept';
import type {
  CheckOutcome,
  CheckResult,
  MaturityLevel,
  MlopsKind,
} from '@mlightenment/backstage-plugin-mlops-common';
import type {
  ScorecardChange,
  ScorecardEvaluation,
  ScorecardFilter,
  ScorecardHistoryEntry,
  ScorecardStore,
  ScorecardSummary,
  StoredCheckResult,
  StoredScorecard,
} from './ScorecardStore';

const SCORECARDS = 'mlops_scorecards';
const HISTORY = 'mlops_scorecard_history';
const CHECK_RESULTS = 'mlops_check_results';
const RUNS = 'mlops_evaluation_runs';

/** Rows per statement: well under SQLite's and PostgreSQL's bind limits. */
const CHUNK = 500;

type ScorecardRow = {
  entity_ref: string;
  kind: string;
  title: string;
  owner_ref: string | null;
  rubric_id: string;
  level: number;
  score: number;
  results: string;
  results_hash: string;
  evaluated_at: Date | string;
  changed_at: Date | string;
};

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/** Dates go in as ISO strings (portable across SQLite and PostgreSQL) and come out as Dates. */
function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

function hashOf(evaluation: ScorecardEvaluation): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        evaluation.rubricId,
        evaluation.level,
        evaluation.score,
        evaluation.results,
        evaluation.ownerRef ?? null,
        evaluation.title,
      ]),
    )
    .digest('hex');
}

function fromRow(row: ScorecardRow): StoredScorecard {
  return {
    entityRef: row.entity_ref,
    kind: row.kind as MlopsKind,
    title: row.title,
    ownerRef: row.owner_ref ?? undefined,
    rubricId: row.rubric_id,
    level: row.level as MaturityLevel,
    score: row.score,
    results: JSON.parse(row.results) as CheckResult[],
    evaluatedAt: toDate(row.evaluated_at),
    changedAt: toDate(row.changed_at),
  };
}

function applyFilter(query: Knex.QueryBuilder, filter?: ScorecardFilter) {
  if (filter?.ownerRefs) query.whereIn('owner_ref', filter.ownerRefs);
  if (filter?.kind) query.where('kind', filter.kind);
  return query;
}

/** The scorecard store on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseScorecardStore implements ScorecardStore {
  constructor(private readonly db: Knex) {}

  async saveEvaluations(
    evaluations: ScorecardEvaluation[],
    options: { now: Date },
  ): Promise<ScorecardChange[]> {
    const now = options.now.toISOString();
    return this.db.transaction(async tx => {
      // Hashes first: most runs change few entities, and only those need
      // their previous results (for the change report).
      const existing = new Map<string, string>();
      const refs = evaluations.map(e => e.entityRef);
      const rows = (
        await Promise.all(
          chunks(refs).map(part =>
            tx<ScorecardRow>(SCORECARDS)
              .whereIn('entity_ref', part)
              .select('entity_ref', 'results_hash'),
          ),
        )
      ).flat();
      for (const row of rows) existing.set(row.entity_ref, row.results_hash);
      const hashes = new Map(evaluations.map(e => [e.entityRef, hashOf(e)]));
      const changedRefs = evaluations
        .map(e => e.entityRef)
        .filter(
          ref => existing.has(ref) && existing.get(ref) !== hashes.get(ref),
        );
      const previous = new Map<
        string,
        Pick<ScorecardRow, 'level' | 'score' | 'results'>
      >();
      for (const part of chunks(changedRefs)) {
        for (const row of await tx<ScorecardRow>(SCORECARDS)
          .whereIn('entity_ref', part)
          .select('entity_ref', 'level', 'score', 'results')) {
          previous.set(row.entity_ref, row);
        }
      }

      const changes: ScorecardChange[] = [];
      const unchanged: string[] = [];
      const changedRows: ScorecardRow[] = [];
      for (const evaluation of evaluations) {
        const hash = hashes.get(evaluation.entityRef)!;
        const storedHash = existing.get(evaluation.entityRef);
        if (storedHash === hash) {
          unchanged.push(evaluation.entityRef);
          continue;
        }
        const before = previous.get(evaluation.entityRef);
        changes.push({
          current: evaluation,
          previous: before && {
            level: before.level as MaturityLevel,
            score: before.score,
            results: JSON.parse(before.results),
          },
        });
        changedRows.push({
          entity_ref: evaluation.entityRef,
          kind: evaluation.kind,
          title: evaluation.title,
          owner_ref: evaluation.ownerRef ?? null,
          rubric_id: evaluation.rubricId,
          level: evaluation.level,
          score: evaluation.score,
          results: JSON.stringify(evaluation.results),
          results_hash: hash,
          evaluated_at: now,
          changed_at: now,
        });
      }

      for (const part of chunks(unchanged)) {
        await tx(SCORECARDS)
          .whereIn('entity_ref', part)
          .update({ evaluated_at: now });
      }
      for (const part of chunks(changedRows)) {
        await tx(SCORECARDS).insert(part).onConflict('entity_ref').merge();
        await tx(HISTORY).insert(
          part.map(row => ({
            entity_ref: row.entity_ref,
            owner_ref: row.owner_ref,
            level: row.level,
            score: row.score,
            results: row.results,
            recorded_at: now,
          })),
        );
      }
      return changes;
    });
  }

  async removeScorecardsExcept(keep: ReadonlySet<string>): Promise<number> {
    return deleteEntityRowsExcept(this.db, SCORECARDS, keep);
  }

  async getScorecard(entityRef: string): Promise<StoredScorecard | undefined> {
    const row = await this.db<ScorecardRow>(SCORECARDS)
      .where('entity_ref', entityRef)
      .first();
    return row ? fromRow(row) : undefined;
  }

  async listScorecards(filter?: ScorecardFilter): Promise<StoredScorecard[]> {
    const rows = (await applyFilter(
      this.db<ScorecardRow>(SCORECARDS).select(),
      filter,
    )) as ScorecardRow[];
    return rows.map(fromRow);
  }

  async listSummaries(filter?: ScorecardFilter): Promise<ScorecardSummary[]> {
    const rows = (await applyFilter(
      this.db<ScorecardRow>(SCORECARDS).select(
        'entity_ref',
        'kind',
        'title',
        'owner_ref',
        'level',
        'score',
        'evaluated_at',
        'changed_at',
      ),
      filter,
    )) as ScorecardRow[];
    return rows.map(row => ({
      entityRef: row.entity_ref,
      kind: row.kind as MlopsKind,
      title: row.title,
      ownerRef: row.owner_ref ?? undefined,
      level: row.level as MaturityLevel,
      score: row.score,
      evaluatedAt: toDate(row.evaluated_at),
      changedAt: toDate(row.changed_at),
    }));
  }

  async getBaselineStates(
    at: Date,
    filter?: ScorecardFilter,
  ): Promise<Map<string, Pick<ScorecardHistoryEntry, 'level' | 'score'>>> {
    const iso = at.toISOString();
    // The last row at or before `at`, else the first row after it.
    const inForce = this.db(HISTORY)
      .max('id')
      .where('recorded_at', '<=', iso)
      .groupBy('entity_ref');
    const firstAfter = this.db(HISTORY)
      .min('id')
      .where('recorded_at', '>', iso)
      .groupBy('entity_ref');
    if (filter?.ownerRefs) {
      inForce.whereIn('owner_ref', filter.ownerRefs);
      firstAfter.whereIn('owner_ref', filter.ownerRefs);
    }
    const query = this.db(`${HISTORY} as h`)
      .where(q => q.whereIn('h.id', inForce).orWhereIn('h.id', firstAfter))
      .select('h.entity_ref', 'h.level', 'h.score', 'h.recorded_at');
    if (filter?.kind) {
      query
        .join(`${SCORECARDS} as s`, 's.entity_ref', 'h.entity_ref')
        .where('s.kind', filter.kind);
    }
    const rows = (await query) as Array<{
      entity_ref: string;
      level: number;
      score: number;
      recorded_at: Date | string;
    }>;
    const baseline = new Map<
      string,
      { level: MaturityLevel; score: number; at: number }
    >();
    for (const row of rows) {
      const at2 = toDate(row.recorded_at).getTime();
      const known = baseline.get(row.entity_ref);
      // Prefer the state in force at `at` (the earlier row) to the first one after it.
      if (!known || at2 < known.at) {
        baseline.set(row.entity_ref, {
          level: row.level as MaturityLevel,
          score: row.score,
          at: at2,
        });
      }
    }
    return new Map(
      [...baseline].map(([ref, { level, score }]) => [ref, { level, score }]),
    );
  }

  async getHistory(
    entityRef: string,
    since: Date,
  ): Promise<ScorecardHistoryEntry[]> {
    const sinceIso = since.toISOString();
    const before = await this.db(HISTORY)
      .where('entity_ref', entityRef)
      .where('recorded_at', '<=', sinceIso)
      .orderBy('id', 'desc')
      .first();
    const within = await this.db(HISTORY)
      .where('entity_ref', entityRef)
      .where('recorded_at', '>', sinceIso)
      .orderBy('id', 'asc');
    return [...(before ? [before] : []), ...within].map(row => ({
      entityRef: row.entity_ref,
      level: row.level as MaturityLevel,
      score: row.score,
      results: JSON.parse(row.results),
      recordedAt: toDate(row.recorded_at),
    }));
  }

  async addCheckResult(result: StoredCheckResult): Promise<void> {
    await this.db(CHECK_RESULTS).insert({
      entity_ref: result.entityRef,
      check_id: result.checkId,
      outcome: result.outcome,
      reason: result.reason,
      link: result.link ?? null,
      submitted_by: result.submittedBy,
      submitted_at: result.submittedAt.toISOString(),
    });
  }

  async getLatestCheckResults(
    entityRefs?: string[],
  ): Promise<Map<string, StoredCheckResult[]>> {
    const latest = this.db(CHECK_RESULTS)
      .max('id')
      .groupBy('entity_ref', 'check_id');
    const parts = entityRefs ? chunks(entityRefs) : [undefined];
    const byEntity = new Map<string, StoredCheckResult[]>();
    for (const part of parts) {
      const query = this.db(CHECK_RESULTS).whereIn(
        'id',
        part ? latest.clone().whereIn('entity_ref', part) : latest,
      );
      for (const row of await query) {
        const list = byEntity.get(row.entity_ref) ?? [];
        list.push({
          entityRef: row.entity_ref,
          checkId: row.check_id,
          outcome: row.outcome as CheckOutcome,
          reason: row.reason,
          link: row.link ?? undefined,
          submittedBy: row.submitted_by,
          submittedAt: toDate(row.submitted_at),
        });
        byEntity.set(row.entity_ref, list);
      }
    }
    return byEntity;
  }

  async startRun(trigger: string, now: Date): Promise<number> {
    const [row] = await this.db(RUNS)
      .insert({ trigger, started_at: now.toISOString() })
      .returning('id');
    return typeof row === 'object' ? Number(row.id) : Number(row);
  }

  async finishRun(
    id: number,
    outcome: {
      now: Date;
      entityCount?: number;
      changedCount?: number;
      error?: string;
    },
  ): Promise<void> {
    await this.db(RUNS)
      .where('id', id)
      .update({
        finished_at: outcome.now.toISOString(),
        entity_count: outcome.entityCount ?? null,
        changed_count: outcome.changedCount ?? null,
        error: outcome.error ?? null,
      });
  }

  async deleteOlderThan(before: Date): Promise<number> {
    const cutoff = before.toISOString();
    // The newest row before the cutoff is the state in force at the cutoff.
    const newestHistory = this.db(HISTORY)
      .max('id')
      .where('recorded_at', '<', cutoff)
      .groupBy('entity_ref');
    const history = await this.db(HISTORY)
      .where('recorded_at', '<', cutoff)
      .whereNotIn('id', newestHistory)
      .delete();
    const newestResults = this.db(CHECK_RESULTS)
      .max('id')
      .groupBy('entity_ref', 'check_id');
    const results = await this.db(CHECK_RESULTS)
      .where('submitted_at', '<', cutoff)
      .whereNotIn('id', newestResults)
      .delete();
    const runs = await this.db(RUNS).where('started_at', '<', cutoff).delete();
    return history + results + runs;
  }
}
