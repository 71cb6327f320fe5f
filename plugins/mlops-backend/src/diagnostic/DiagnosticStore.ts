import type {
  DiagnosticAnswer,
  DiagnosticAnswerValue,
  DiagnosticMonthSummary,
  DiagnosticQuestionId,
} from '@mlightenment/backstage-plugin-mlops-common';

/** A team's answer to record. */
export interface NewDiagnosticAnswer {
  teamRef: string;
  question: DiagnosticQuestionId;
  answer: DiagnosticAnswerValue;
  comment?: string;
  answeredBy: string;
}

/** The scope of the organisation's snapshots; a team's is its group reference. */
export const ORGANISATION_SCOPE = 'organisation';

/** Where the diagnostic keeps the teams' answers and the monthly snapshots. */
export interface DiagnosticStore {
  /** Appends an answer; earlier answers stay, the latest is in force. */
  addAnswer(answer: NewDiagnosticAnswer, now: Date): Promise<void>;
  /** The latest answer of a team to each question it answered. */
  latestAnswers(teamRef: string): Promise<DiagnosticAnswer[]>;
  /**
   * Stores a scope's summary for a month: one row per scope and month, a
   * later write of the same month replacing the earlier one.
   */
  saveSnapshot(
    scopeRef: string,
    month: string,
    summary: DiagnosticMonthSummary,
    now: Date,
  ): Promise<void>;
  /** A scope's summaries from `fromMonth` on (`YYYY-MM`), by month. */
  snapshots(
    scopeRef: string,
    fromMonth: string,
  ): Promise<Map<string, DiagnosticMonthSummary>>;
}
