import type {
  CheckLevel,
  CheckOutcome,
  FrameworkStageId,
  MaturityLevel,
  MlopsKind,
} from '@mlightenment/backstage-plugin-mlops-common';

// The response bodies of the mlops backend, mirroring the schemas of its
// OpenAPI spec (plugins/mlops-backend/src/schema/openapi.yaml) field for
// field. The enums are the common package's, which the spec repeats.

/** A maturity level with the name and meaning the rubric gives it. @public */
export interface LevelDefinition {
  level: MaturityLevel;
  name: string;
  description: string;
}

/** How to make a failing check pass. @public */
export interface Remediation {
  text: string;
  link?: string;
}

/** A check of the rubric, without its evaluation. @public */
export interface CheckMetadata {
  id: string;
  title: string;
  description: string;
  stage: FrameworkStageId;
  /** The lowest level that requires the check. */
  level: CheckLevel;
  kinds: MlopsKind[];
  rationale: string;
  remediation: Remediation;
}

/** The rubric in force, its levels and checks. @public */
export interface Rubric {
  id: string;
  title: string;
  levels: LevelDefinition[];
  checks: CheckMetadata[];
}

/** A check's outcome for one entity, and why. @public */
export interface CheckResult {
  checkId: string;
  outcome: CheckOutcome;
  reason: string;
  exemption?: {
    justification: string;
    expiresAt: string;
  };
}

/** The level above an entity's, and the checks that hold it below. @public */
export interface NextLevel {
  level: MaturityLevel;
  name: string;
  /** Ids of the checks that hold the entity below this level. */
  blocking: string[];
}

/** An entity's latest scorecard. @public */
export interface Scorecard {
  entityRef: string;
  kind: MlopsKind;
  title: string;
  owner?: string;
  rubricId: string;
  level: MaturityLevel;
  levelName: string;
  /** 0 to 100. */
  score: number;
  nextLevel?: NextLevel;
  results: CheckResult[];
  /** When the scorecard was last evaluated (ISO 8601). */
  evaluatedAt: string;
  /** When its result last changed (ISO 8601). */
  changedAt: string;
}

/** Level and score at one point in time. @public */
export interface HistoryPoint {
  at: string;
  level: MaturityLevel;
  score: number;
}

/** A check outcome that changed. @public */
export interface CheckChange {
  at: string;
  checkId: string;
  from?: CheckOutcome;
  to?: CheckOutcome;
}

/** An entity's level and score over a period. @public */
export interface ScorecardHistory {
  entityRef: string;
  days: number;
  /** Oldest first; the first point is the state at the start of the period. */
  points: HistoryPoint[];
  /** Newest first. */
  changes: CheckChange[];
}

/** How many entities are at each level, and their score. @public */
export interface Summary {
  entityCount: number;
  /** Entities at each level, index = level. */
  distribution: number[];
  score: number;
  medianLevel: MaturityLevel;
}

/** One entity's maturity and its change over a period. @public */
export interface EntityMaturity {
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
}

/** A group's maturity over its whole hierarchy. @public */
export interface TeamMaturity {
  teamRef: string;
  title: string;
  /** The team and every group below it, whose entities are counted. */
  groups: string[];
  days: number;
  levels: LevelDefinition[];
  summary: Summary;
  /** Highest level and score first. */
  entities: EntityMaturity[];
  weakest: EntityMaturity[];
  mostImproved: EntityMaturity[];
  biggestDrops: EntityMaturity[];
}

/** One team's roll-up in the overview. @public */
export interface TeamSummary {
  teamRef: string;
  title: string;
  parent?: string;
  children: string[];
  summary: Summary;
}

/** Maturity across the organisation and per team. @public */
export interface Overview {
  days: number;
  levels: LevelDefinition[];
  summary: Summary;
  teams: TeamSummary[];
  biggestDrops: EntityMaturity[];
}
