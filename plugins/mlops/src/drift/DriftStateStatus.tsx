import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  DRIFT_STATE_LABELS,
  DriftState,
} from '@mlightenment/backstage-plugin-mlops-common';

/** A drift state as a status icon with its word beside it, never colour alone. */
export function DriftStateStatus(props: { state: DriftState }) {
  const label = DRIFT_STATE_LABELS[props.state] ?? props.state;
  switch (props.state) {
    case 'healthy':
      return <StatusOK>{label}</StatusOK>;
    case 'warning':
      return <StatusWarning>{label}</StatusWarning>;
    case 'alert':
      return <StatusError>{label}</StatusError>;
    case 'stale':
      return <StatusPending>{label}</StatusPending>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}
