import type {
  GateDecision,
  GateState,
} from '@mlightenment/backstage-plugin-mlops-common';

/** The gate state a decision puts its sign-off in. */
export const DECISION_STATES: Readonly<Record<GateDecision, GateState>> = {
  approve: 'approved',
  reject: 'rejected',
  'request-changes': 'changes-requested',
};
