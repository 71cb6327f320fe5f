import type {
  CheckOutcome,
  CheckResult,
  MaturityLevel,
  MlopsKind,
} from '@mlightenment/backstage-plugin-mlops-common';

/** An entity's scorecard as stored: what the evaluation found plus who owns it. */
export interface StoredScorecard {
  entityRef: string;
  kind: MlopsKind;
  title: string;
  ownerRef?: string;
  rubricId: string;
  level: MaturityLevel;
  score: number;
  results: CheckResult[];
  evaluatedAt: Date;
  changedAt: Date;
}

/** A stored scorecard without its check results. */
export type ScorecardSummary = Omit<StoredScorecard, 'results' | 'rubricId'>;

/** A new evaluation of one entity, before it is stored. */
export type ScorecardEvaluation = Omit<
  StoredScorecard,
  'evaluatedAt' | 'changedAt'
>;

/** A scorecard whose level or results changed in a save, with what it was. */
export interface ScorecardChange {
  current: ScorecardEvaluation;
  /** Absent for an entity evaluated for the first time. */
  previous?: Pick<StoredScorecard, 'level' | 'score' | 'results'>;
}

/** One entry of an entity's history: the state from `recordedAt` until the next entry. */
export interface ScorecardHistoryEntry {
  entityRef: string;
  level: MaturityLevel;
  score: number;
  results: CheckResult[];
  recordedAt: Date;
}

/** A result a pipeline pushed, with who pushed it. */
export interface StoredCheckResult {
  entityRef: string;
  checkId: string;
  outcome: CheckOutcome;
  reason: string;
  link?: string;
  submittedBy: string;
  submittedAt: Date;
}

/** Which scorecards to read. */
export interface ScorecardFilter {
  /** Only entities owned by one of these (entity refs, lower case). */
  ownerRefs?: string[];
  kind?: MlopsKind;
}

/** Where scorecards, their history and pushed results live. */
export interface ScorecardStore {
  /**
   * Stores evaluations: every entity's `evaluatedAt` moves to `now`, and a
   * history row is appended only for entities whose results changed.
   * Returns the changes.
   */
  saveEvaluations(
    evaluations: ScorecardEvaluation[],
    options: { now: Date },
  ): Promise<ScorecardChange[]>;
  /**
   * Drops the current scorecard of every entity not in `keep` (a full run
   * saw every entity the catalog holds); their history stays. Returns how
   * many were dropped.
   */
  removeScorecardsExcept(keep: ReadonlySet<string>): Promise<number>;
  getScorecard(entityRef: string): Promise<StoredScorecard | undefined>;
  /** The latest scorecards with their check results, in one read. */
  listScorecards(filter?: ScorecardFilter): Promise<StoredScorecard[]>;
  /** The latest scorecards without their check results: what roll-ups need, read cheaply. */
  listSummaries(filter?: ScorecardFilter): Promise<ScorecardSummary[]>;
  /**
   * For each entity, the state its change over a period is measured from:
   * the state in force at `at` (the last history row at or before it), or,
   * for an entity first evaluated after `at`, its first recorded state.
   */
  getBaselineStates(
    at: Date,
    filter?: ScorecardFilter,
  ): Promise<Map<string, Pick<ScorecardHistoryEntry, 'level' | 'score'>>>;
  /** An entity's history since `since`, oldest first, preceded by the state in force at `since`. */
  getHistory(entityRef: string, since: Date): Promise<ScorecardHistoryEntry[]>;
  addCheckResult(result: StoredCheckResult): Promise<void>;
  /** The latest pushed result per entity and check. */
  getLatestCheckResults(
    entityRefs?: string[],
  ): Promise<Map<string, StoredCheckResult[]>>;
  /** Records the start of an evaluation run; returns its id. */
  startRun(trigger: string, now: Date): Promise<number>;
  finishRun(
    id: number,
    outcome: {
      now: Date;
      entityCount?: number;
      changedCount?: number;
      error?: string;
    },
  ): Promise<void>;
  /**
   * Deletes history and pushed results older than `before`, keeping for each
   * entity (and check) the newest row so the state at any later time is known.
   * Returns the number of rows deleted.
   */
  deleteOlderThan(before: Date): Promise<number>;
}
