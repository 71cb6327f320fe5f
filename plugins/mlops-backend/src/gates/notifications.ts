import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { entityPath } from '../shared/entityRefs';
import {
  FrameworkStageId,
  frameworkStage,
  GateDecision,
} from '@mlightenment/backstage-plugin-mlops-common';

const DECIDED: Record<GateDecision, string> = {
  approve: 'approved',
  reject: 'rejected',
  'request-changes': 'sent back with changes requested',
};

/** Who hears about what happens on gates. */
export interface GateNotifier {
  /** The required approvers who have not approved yet, when a gate becomes ready for review. */
  readyForReview(gate: NotifiedGate, approvers: string[]): Promise<void>;
  /** The owner, when a decision is recorded. */
  decisionMade(
    gate: NotifiedGate,
    decision: { decision: GateDecision; by: string; comment: string },
  ): Promise<void>;
  /** The owner and the approvers whose decisions lapsed, when decisions are invalidated. */
  invalidated(
    gate: NotifiedGate,
    reason: string,
    approvers: string[],
  ): Promise<void>;
}

/** The gate a notification is about. */
export interface NotifiedGate {
  entityRef: string;
  title: string;
  ownerRef?: string;
  stage: FrameworkStageId;
}

/** The gate's tab in the portal (the frontend's `/gate-<stage>` tab). */
export function gateLink(entityRef: string, stage: FrameworkStageId): string {
  return entityPath(entityRef, `gate-${stage}`);
}

/**
 * Notifications through the notifications backend. Each kind of message has
 * one scope per gate, so a newer message replaces the earlier one instead of
 * piling up.
 */
export function createGateNotifier(options: {
  notifications: NotificationService;
  logger: LoggerService;
}): GateNotifier {
  const { notifications, logger } = options;
  const send = async (
    entityRef: string | string[],
    gate: NotifiedGate,
    what: string,
    title: string,
    description: string,
    severity: 'low' | 'normal' | 'high',
    excludeEntityRef?: string,
  ) => {
    const recipients = [entityRef].flat().filter(Boolean);
    if (recipients.length === 0) return;
    try {
      await notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients,
          ...(excludeEntityRef ? { excludeEntityRef } : {}),
        },
        payload: {
          title,
          description,
          link: gateLink(gate.entityRef, gate.stage),
          severity,
          topic: 'mlops-stage-gate',
          scope: `mlops-gate:${gate.entityRef}:${gate.stage}:${what}`,
        },
      });
    } catch (error) {
      logger.warn(
        `Could not notify about the ${gate.stage} gate of ${gate.entityRef}: ${error}`,
      );
    }
  };
  const stageName = (stage: FrameworkStageId) => {
    const { number, title } = frameworkStage(stage);
    return `stage ${number} (${title})`;
  };
  return {
    readyForReview: (gate, approvers) =>
      send(
        approvers,
        gate,
        'review',
        `${gate.title}: ${stageName(gate.stage)} is ready for your sign-off`,
        `Every criterion of the gate is met. Review it and approve, reject or request changes.`,
        'normal',
      ),
    decisionMade: (gate, { decision, by, comment }) =>
      send(
        gate.ownerRef ?? [],
        gate,
        'decision',
        `${gate.title}: ${stageName(gate.stage)} ${DECIDED[decision]} by ${by}`,
        comment,
        decision === 'approve' ? 'normal' : 'high',
      ),
    invalidated: (gate, reason, approvers) =>
      send(
        [...(gate.ownerRef ? [gate.ownerRef] : []), ...approvers],
        gate,
        'invalidated',
        `${gate.title}: sign-off of ${stageName(gate.stage)} invalidated`,
        reason,
        'high',
      ),
  };
}
