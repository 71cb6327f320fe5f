import type { FrameworkStageId } from '../framework/stages';
import type { GateFacts } from './facts';
import type { GateDecision } from './types';

/** What kind of event a gate's audit trail records. @public */
export type GateEventType = 'decision' | 'attestation' | 'invalidation';

/** An event to append to a gate's audit trail. @public */
export interface NewGateEvent {
  type: GateEventType;
  decision?: GateDecision;
  /** The sign-off decided for (decisions). */
  role?: string;
  /** The attested criterion (attestations). */
  criterion?: string;
  /** The user reference, or `system`. */
  actor: string;
  /** The comment, or an invalidation's reason. */
  comment: string;
  evidenceUrl?: string;
  /** The hash of the entity's gate facts when the event was recorded. */
  entityHash: string;
  facts: GateFacts;
  /** The invalidated decision (invalidations). */
  decisionId?: string;
}

/** An event of a gate's append-only audit trail, as stored. @public */
export interface GateEvent extends NewGateEvent {
  id: string;
  entityRef: string;
  stage: FrameworkStageId;
  /** The gate revision this event produced. */
  revision: number;
  at: Date;
}
