import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  GATE_STATE_LABELS,
  GateDecision,
  GateState,
} from '@mlightenment/backstage-plugin-mlops-common';

/** The gate state a decision puts its sign-off in. */
export const DECISION_STATES: Readonly<Record<GateDecision, GateState>> = {
  approve: 'approved',
  reject: 'rejected',
  'request-changes': 'changes-requested',
};

/** A gate state as a status icon with its word beside it, never colour alone. */
export function GateStateStatus(props: { state: GateState }) {
  const label = GATE_STATE_LABELS[props.state];
  switch (props.state) {
    case 'approved':
      return <StatusOK>{label}</StatusOK>;
    case 'rejected':
      return <StatusError>{label}</StatusError>;
    case 'changes-requested':
      return <StatusWarning>{label}</StatusWarning>;
    case 'ready-for-review':
      return <StatusPending>{label}</StatusPending>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}

/** A recorded decision as the state it gives, e.g. "Changes requested". */
export function DecisionStatus(props: { decision: GateDecision }) {
  return <GateStateStatus state={DECISION_STATES[props.decision]} />;
}
