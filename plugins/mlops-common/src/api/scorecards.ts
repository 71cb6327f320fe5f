import type { PushedCheckResult } from '../checks/externalCheck';
import type { CheckOutcome } from '../checks/outcomes';
import type { CheckResult } from '../checks/types';
import type { MlopsKind } from '../kinds/types';
import type {
  MaturityLevel,
  MaturityLevelDefinition,
} from '../framework/levels';
import type { NextLevel } from '../maturity/scorecard';
import type { MaturitySummary } from '../maturity/summary';

// The scorecard routes' bodies (plugins/mlops-backend/src/schema/openapi.yaml).
// The rubric (`RubricDescription`), its checks (`CheckMetadata`), a check's
// result (`CheckResult`), a level (`MaturityLevelDefinition`) and a summary
// (`MaturitySummary`) are served as the maturity model defines them.

/** The level above an entity's, its name, and the checks that hold the entity below it. @public */
export type ScorecardNextLevel = NextLevel & {
  name: string;
};

/** An entity's latest scorecard as served (`Scorecard` in the spec). @public */
export type EntityScorecard = {
  entityRef: string;
  kind: MlopsKind;
  title: string;
  owner?: string;
  rubricId: string;
  level: MaturityLevel;
  levelName: string;
  /** 0 to 100. */
  score: number;
  nextLevel?: ScorecardNextLevel;
  results: CheckResult[];
  /** When the scorecard was last evaluated (ISO 8601). */
  evaluatedAt: string;
  /** When its result last changed (ISO 8601). */
  changedAt: string;
};

/** Level and score at one point in time (`HistoryPoint` in the spec). @public */
export type MaturityHistoryPoint = {
  at: string;
  level: MaturityLevel;
  score: number;
};

/** A check outcome that changed. @public */
export type CheckChange = {
  at: string;
  checkId: string;
  from?: CheckOutcome;
  to?: CheckOutcome;
};

/** An entity's level and score over a period. @public */
export type ScorecardHistory = {
  entityRef: string;
  days: number;
  /** Oldest first; the first point is the state at the start of the period. */
  points: MaturityHistoryPoint[];
  /** Newest first. */
  changes: CheckChange[];
};

/** A check result pushed by a pipeline for an external check. @public */
export type PushedCheckResultRequest = {
  entityRef: string;
  checkId: string;
  outcome: CheckOutcome;
  reason: string;
  /** Where the evidence is, e.g. the CI run. */
  link?: string;
};

/** A pushed check result as stored: who pushed it and when (`PushedCheckResult` in the spec). @public */
export type PushedCheckResultRecord = PushedCheckResult & {
  entityRef: string;
  checkId: string;
};

/** One entity's maturity and its change over a period. @public */
export type EntityMaturity = {
  entityRef: string;
  kind: MlopsKind;
  title: string;
  owner?: string;
  level: MaturityLevel;
  score: number;
  /**
   * Level now minus level at the start of the period, or at its first
   * evaluation for an entity first evaluated within the period.
   */
  levelChange: number;
  scoreChange: number;
  evaluatedAt: string;
};

/** A group's maturity over its whole hierarchy. @public */
export type TeamMaturity = {
  teamRef: string;
  title: string;
  /** The team and every group below it, whose entities are counted. */
  groups: string[];
  days: number;
  levels: MaturityLevelDefinition[];
  summary: MaturitySummary;
  /**
   * One page of the leaderboard, highest level and score first: `limit`
   * entities from `offset` of `summary.entityCount` (the CSV export has
   * them all).
   */
  entities: EntityMaturity[];
  page: { offset: number; limit: number };
  weakest: EntityMaturity[];
  mostImproved: EntityMaturity[];
  biggestDrops: EntityMaturity[];
};

/** One team's roll-up in the overview. @public */
export type TeamSummary = {
  teamRef: string;
  title: string;
  parent?: string;
  children: string[];
  summary: MaturitySummary;
};

/** Maturity across the organisation and per team (`Overview` in the spec). @public */
export type MaturityOverview = {
  days: number;
  levels: MaturityLevelDefinition[];
  summary: MaturitySummary;
  teams: TeamSummary[];
  biggestDrops: EntityMaturity[];
};
