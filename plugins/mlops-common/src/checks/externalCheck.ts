import type { CheckOutcome } from './outcomes';
import type { CheckDefinition, CheckMetadata } from './types';

/** The fact id under which the backend keeps the latest pushed result of a check. @public */
export function pushedResultFactId(checkId: string): string {
  return `check-result:${checkId}`;
}

/** A result a pipeline pushed for a check, as kept in the entity's facts. @public */
export type PushedCheckResult = {
  outcome: CheckOutcome;
  reason: string;
  /** Who pushed it: the user or service principal's reference. */
  submittedBy: string;
  /** ISO 8601 date-time. */
  submittedAt: string;
  link?: string;
};

/**
 * A check whose result comes from outside the portal: a CI pipeline pushes it
 * through the backend's API. Until one is pushed it is `not-reported`.
 * @public
 */
export function createExternalCheck(metadata: CheckMetadata): CheckDefinition {
  return {
    ...metadata,
    evaluate({ facts }) {
      const pushed = facts[pushedResultFactId(metadata.id)] as
        | PushedCheckResult
        | undefined;
      if (!pushed) {
        return {
          outcome: 'not-reported',
          reason: 'No result has been pushed for this check yet.',
        };
      }
      return {
        outcome: pushed.outcome,
        reason: `${pushed.reason} (reported by ${pushed.submittedBy} at ${pushed.submittedAt})`,
      };
    },
  };
}
