import type {
  CheckLevel,
  CheckOutcome,
  FrameworkStageId,
  MaturityLevel,
  GateDecision,
  GateState,
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

/** Who attested a criterion of a gate, when, and on what evidence. @public */
export interface GateAttestation {
  /** The user's entity ref. */
  by: string;
  at: string;
  evidenceUrl: string;
  comment: string;
}

/**
 * A criterion of a stage gate: a key step of the stage, judged by a check of
 * the rubric or attested by a person with evidence.
 * @public
 */
export interface GateCriterion {
  id: string;
  title: string;
  source: 'check' | 'attestation';
  checkId?: string;
  outcome?: CheckOutcome;
  /** The check's reason (source `check`). */
  reason?: string;
  /** Whether the criterion is met: its check passed, or it is attested. */
  met: boolean;
  attestation?: GateAttestation;
}

/** An approval withdrawn because the facts it rested on changed. @public */
export interface GateInvalidation {
  at: string;
  reason: string;
  decisionId: string;
}

/** A recorded sign-off decision, as the append-only audit trail holds it. @public */
export interface GateDecisionRecord {
  id: string;
  stage: FrameworkStageId;
  decision: GateDecision;
  /** The sign-off it was made for: `sponsor`, `owner` or a group ref. */
  role: string;
  /** The user's entity ref. */
  by: string;
  at: string;
  comment: string;
  evidenceUrl?: string;
  /** A hash of the entity as it was when the decision was made. */
  entityHash: string;
  /** The gate's revision the decision was made on. */
  revision: number;
  invalidated?: { at: string; reason: string };
}

/** A sign-off a gate needs, who may give it, and whether it was given. @public */
export interface GateSignOff {
  /** `sponsor`, `owner` or a group ref. */
  id: string;
  label: string;
  /** Who may sign for it. */
  refs: string[];
  /** Whether the signed-in user may sign for it. */
  yours: boolean;
  decision?: GateDecisionRecord;
}

/** One framework stage's gate for an entity. @public */
export interface GateView {
  stage: FrameworkStageId;
  /** 1, 2 or 3. */
  number: number;
  title: string;
  state: GateState;
  /** Bumps on every decision, attestation or invalidation. */
  revision: number;
  enteredAt?: string;
  keySteps: string[];
  keyRoles: string[];
  criteria: GateCriterion[];
  signOff: GateSignOff[];
  /**
   * Whether the caller may record a decision on this gate now: they hold the
   * permission and the earlier gates are approved.
   */
  canDecide: boolean;
  /** Newest first. */
  decisions: GateDecisionRecord[];
  invalidations: GateInvalidation[];
}

/** An entity's three stage gates and the stage it is in. @public */
export interface EntityGates {
  entityRef: string;
  currentStage: FrameworkStageId;
  /** Whether all three gates are approved. */
  complete: boolean;
  /** A hash of the entity's gate facts now. */
  entityHash: string;
  stages: GateView[];
}

/** A sign-off decision to record, on the revision the caller saw. @public */
export interface GateDecisionRequest {
  decision: GateDecision;
  comment: string;
  evidenceUrl?: string;
  revision: number;
  /**
   * The sign-off to decide for when the caller may sign for several; by
   * default the first required one without a decision.
   */
  role?: string;
}

/** An attestation of a criterion to record. @public */
export interface GateAttestationRequest {
  criterion: string;
  evidenceUrl: string;
  comment: string;
  revision: number;
}

/** How many entities are in one stage, and for how long. @public */
export interface GateFunnelStage {
  stage: FrameworkStageId;
  title: string;
  /** Entities whose current stage this is; complete ones are not counted. */
  count: number;
  /** Median days spent in the stage until its approval, or so far. */
  medianDaysInStage?: number;
}

/** An entity's current stage and since when. @public */
export interface GateFunnelEntity {
  entityRef: string;
  kind: MlopsKind;
  title: string;
  currentStage: FrameworkStageId;
  complete: boolean;
  /** When the entity entered its current stage; none for the first stage. */
  since?: string;
  /** Days spent per stage, by stage id. */
  daysInStage: Partial<Record<FrameworkStageId, number>>;
}

/** Use cases or models by current stage. @public */
export interface GateFunnel {
  stages: GateFunnelStage[];
  /** Entities whose three gates are approved. */
  complete: number;
  entities: GateFunnelEntity[];
}
