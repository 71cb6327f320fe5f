import Typography from '@material-ui/core/Typography';
import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import type { CheckOutcome } from '@mlightenment/backstage-plugin-mlops-common';

/**
 * What a row can show: a check's outcome, or `informational` when there is
 * nothing to check the value against.
 */
export type DisplayedOutcome = CheckOutcome | 'informational';

/** The outcome of a check as a status icon with a word beside it. */
export function OutcomeStatus(props: { outcome: DisplayedOutcome }) {
  switch (props.outcome) {
    case 'pass':
      return <StatusOK>Pass</StatusOK>;
    case 'fail':
      return <StatusError>Fail</StatusError>;
    case 'missing':
      return <StatusPending>Missing</StatusPending>;
    default:
      return (
        <Typography variant="body2" color="textSecondary" component="span">
          Informational
        </Typography>
      );
  }
}
