import type {
  DiagnosticAnswer,
  DiagnosticMonthSummary,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import type { DiagnosticStore, NewDiagnosticAnswer } from './DiagnosticStore';

const ANSWERS = 'mlops_diagnostic_answers';
const SNAPSHOTS = 'mlops_diagnostic_snapshots';

/** {@link DiagnosticStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseDiagnosticStore implements DiagnosticStore {
  constructor(private readonly db: Knex) {}

  async addAnswer(answer: NewDiagnosticAnswer, now: Date): Promise<void> {
    await this.db(ANSWERS).insert({
      team_ref: answer.teamRef,
      question_id: answer.question,
      answer: answer.answer,
      comment: answer.comment ?? null,
      answered_by: answer.answeredBy,
      answered_at: now.toISOString(),
    });
  }

  async latestAnswers(teamRef: string): Promise<DiagnosticAnswer[]> {
    const latest = this.db(ANSWERS)
      .max('id')
      .where('team_ref', teamRef)
      .groupBy('question_id');
    const rows = await this.db(ANSWERS)
      .whereIn('id', latest)
      .orderBy('question_id', 'asc');
    return rows.map(row => ({
      question: row.question_id,
      answer: row.answer,
      ...(row.comment ? { comment: row.comment } : {}),
      answeredBy: row.answered_by,
      answeredAt: new Date(row.answered_at).toISOString(),
    }));
  }

  async saveSnapshot(
    scopeRef: string,
    month: string,
    summary: DiagnosticMonthSummary,
    now: Date,
  ): Promise<void> {
    await this.db(SNAPSHOTS)
      .insert({
        scope_ref: scopeRef,
        month,
        summary: JSON.stringify(summary),
        computed_at: now.toISOString(),
      })
      .onConflict(['scope_ref', 'month'])
      .merge(['summary', 'computed_at']);
  }

  async snapshots(
    scopeRef: string,
    fromMonth: string,
  ): Promise<Map<string, DiagnosticMonthSummary>> {
    const rows = await this.db(SNAPSHOTS)
      .where('scope_ref', scopeRef)
      .where('month', '>=', fromMonth)
      .orderBy('month', 'asc');
    return new Map(rows.map(row => [row.month, JSON.parse(row.summary)]));
  }
}
