import type { FrameworkStageId } from '../framework/stages';
import type { CheckOutcome } from '../checks/outcomes';
import type { GatedKind } from '../gates/definitions';
import type { GateDecision, GateState } from '../gates/types';

// The stage-gate routes' bodies (plugins/mlops-backend/src/schema/gates.openapi.yaml).

/** Who attested a criterion of a gate, when, and on what evidence. @public */
export type GateAttestation = {
  /** The user's entity ref. */
  by: string;
  at: string;
  evidenceUrl: string;
  comment: string;
};

/**
 * A criterion of a stage gate: a key step of the stage, judged by a check of
 * the rubric or attested by a person with evidence.
 * @public
 */
export type GateCriterion = {
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
};

/** An approval withdrawn because the facts it rested on changed. @public */
export type GateInvalidation = {
  at: string;
  reason: string;
  decisionId: string;
};

/**
 * A recorded sign-off decision, as the append-only audit trail holds it
 * (`GateDecision` in the spec).
 * @public
 */
export type GateDecisionRecord = {
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
};

/** A sign-off a gate needs, who may give it, and whether it was given. @public */
export type GateSignOff = {
  /** `sponsor`, `owner` or a group ref. */
  id: string;
  label: string;
  /** Who may sign for it. */
  refs: string[];
  /** Whether the signed-in user may sign for it. */
  yours: boolean;
  /**
   * Set when the sign-off names a group that is not in the catalog: nobody
   * is a member of it, so nobody can sign for it until the group exists or
   * `mlops.gates` names another.
   */
  unresolved?: true;
  decision?: GateDecisionRecord;
};

/** One framework stage's gate for an entity. @public */
export type GateView = {
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
};

/** An entity's three stage gates and the stage it is in. @public */
export type EntityGates = {
  entityRef: string;
  currentStage: FrameworkStageId;
  /** Whether all three gates are approved. */
  complete: boolean;
  /** A hash of the entity's gate facts now. */
  entityHash: string;
  stages: GateView[];
};

/** A sign-off decision to record, on the revision the caller saw. @public */
export type GateDecisionRequest = {
  decision: GateDecision;
  comment: string;
  evidenceUrl?: string;
  revision: number;
  /**
   * The sign-off to decide for when the caller may sign for several; by
   * default the first required one without a decision.
   */
  role?: string;
};

/** An attestation of a criterion to record. @public */
export type GateAttestationRequest = {
  criterion: string;
  evidenceUrl: string;
  comment: string;
  revision: number;
};

/** One row of an entity's append-only gate audit trail. @public */
export type GateAuditRecord = {
  id: string;
  type: 'decision' | 'attestation' | 'invalidation';
  entityRef: string;
  stage: FrameworkStageId;
  at: string;
  /** The user (decision, attestation) or `system` (invalidation). */
  by: string;
  decision?: GateDecision;
  role?: string;
  criterion?: string;
  comment: string;
  evidenceUrl?: string;
  entityHash?: string;
  revision: number;
  /** The invalidated decision (type `invalidation`). */
  decisionId?: string;
};

/** An entity's gate audit trail, oldest first. @public */
export type GateAudit = {
  entityRef: string;
  records: GateAuditRecord[];
};

/** How many entities are in one stage, and for how long. @public */
export type GateFunnelStage = {
  stage: FrameworkStageId;
  title: string;
  /** Entities whose current stage this is; complete ones are not counted. */
  count: number;
  /** Median days spent in the stage until its approval, or so far. */
  medianDaysInStage?: number;
};

/** An entity's current stage and since when. @public */
export type GateFunnelEntity = {
  entityRef: string;
  kind: GatedKind;
  title: string;
  currentStage: FrameworkStageId;
  complete: boolean;
  /** When the entity entered its current stage; none for the first stage. */
  since?: string;
  /** Days spent per stage, by stage id. */
  daysInStage: Partial<Record<FrameworkStageId, number>>;
};

/** Use cases or models by current stage. @public */
export type GateFunnel = {
  stages: GateFunnelStage[];
  /** Entities whose three gates are approved. */
  complete: number;
  entities: GateFunnelEntity[];
};
