import type { CheckOutcome } from '../checks/outcomes';
import type { FrameworkStageId } from '../framework/stages';

/**
 * The state of a stage gate, derived (never stored) from its criteria and the
 * decisions recorded on it; see {@link evaluateGateState} for the rule.
 *
 * - `not-started`: some criterion is not met yet.
 * - `ready-for-review`: every criterion is met; the sign-offs are awaited.
 * - `approved`: every required sign-off approved.
 * - `rejected`: a required approver rejected the gate.
 * - `changes-requested`: a required approver asked for changes.
 *
 * @public
 */
export type GateState =
  | 'not-started'
  | 'ready-for-review'
  | 'approved'
  | 'rejected'
  | 'changes-requested';

/** Every gate state, in the order a gate moves through them. @public */
export const GATE_STATES: readonly GateState[] = [
  'not-started',
  'ready-for-review',
  'changes-requested',
  'rejected',
  'approved',
];

/** How each gate state reads in a sentence or a status chip. @public */
export const GATE_STATE_LABELS: Readonly<Record<GateState, string>> = {
  'not-started': 'Not started',
  'ready-for-review': 'Ready for review',
  approved: 'Approved',
  rejected: 'Rejected',
  'changes-requested': 'Changes requested',
};

/** What an approver decides on a gate. @public */
export type GateDecision = 'approve' | 'reject' | 'request-changes';

/** Every gate decision. @public */
export const GATE_DECISIONS: readonly GateDecision[] = [
  'approve',
  'reject',
  'request-changes',
];

/** How each decision reads on a button or in the history. @public */
export const GATE_DECISION_LABELS: Readonly<Record<GateDecision, string>> = {
  approve: 'Approve',
  reject: 'Reject',
  'request-changes': 'Request changes',
};

/**
 * Why a decision or an attestation was refused with 409, in the error body's
 * `code`: `gate-revision-stale` — the gate changed since the caller loaded it
 * (reload and decide again); `earlier-gate-open` — an earlier gate is not
 * approved yet; `gate-criteria-unmet` — an approval while criteria are unmet.
 * @public
 */
export type GateConflictCode =
  | 'gate-revision-stale'
  | 'earlier-gate-open'
  | 'gate-criteria-unmet';

/**
 * Who must sign a gate off, as configured: the entity's sponsor
 * (`spec.sponsor` of the use case, or of the model's use case), its owner
 * (`spec.owner`, a member of the owning group signs for it), or a named group
 * (any member signs for it).
 * @public
 */
export type SignOffRequirement =
  | { type: 'sponsor' }
  | { type: 'owner' }
  | { type: 'group'; ref: string };

/** The id of a sign-off requirement: `sponsor`, `owner` or the group's reference. @public */
export function signOffId(requirement: SignOffRequirement): string {
  return requirement.type === 'group' ? requirement.ref : requirement.type;
}

/** Who must sign off each gate. @public */
export type GateSignOffConfig = Readonly<
  Record<FrameworkStageId, readonly SignOffRequirement[]>
>;

/** A criterion of a gate as the state rule sees it. @public */
export interface GateCriterionStatus {
  /** The criterion's id, e.g. `strategy.business-vision`. */
  id: string;
  /** `check`: evaluated by a check of the check engine; `attestation`: a person attests it with evidence. */
  source: 'check' | 'attestation';
  /** The check's outcome (source `check`); missing when the check is not in the rubric. */
  outcome?: CheckOutcome;
  /** Whether an attestation is recorded (source `attestation`). */
  attested?: boolean;
}

/** A decision as the state rule sees it: who signed for which requirement, and when. @public */
export interface GateDecisionStatus {
  decision: GateDecision;
  /** The id of the sign-off requirement the decision was recorded for ({@link signOffId}). */
  role: string;
  /** ISO 8601 date-time. */
  at: string;
  /** Set when the approval was invalidated: it no longer counts. */
  invalidated?: boolean;
}
