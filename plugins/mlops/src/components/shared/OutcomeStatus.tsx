import Typography from '@material-ui/core/Typography';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  CHECK_OUTCOME_LABELS,
  CheckOutcome,
} from '@mlightenment/backstage-plugin-mlops-common';

/** The outcome of a check as a status icon with its word beside it, never colour alone. */
export function OutcomeStatus(props: { outcome: CheckOutcome }) {
  const label = CHECK_OUTCOME_LABELS[props.outcome];
  switch (props.outcome) {
    case 'passed':
      return <StatusOK>{label}</StatusOK>;
    case 'failed':
    case 'error':
      return <StatusError>{label}</StatusError>;
    case 'warning':
      return <StatusWarning>{label}</StatusWarning>;
    case 'not-reported':
      return <StatusPending>{label}</StatusPending>;
    case 'exempt':
      return <StatusAborted>{label}</StatusAborted>;
    default:
      return (
        <Typography variant="body2" color="textSecondary" component="span">
          {label}
        </Typography>
      );
  }
}
