import Typography from '@material-ui/core/Typography';
import { EmptyState } from '@backstage/core-components';
import { RefreshButton } from './RefreshButton';

/** What the backend's schedule is, in words. */
function scheduleText(evaluationIntervalMinutes?: number): string {
  return evaluationIntervalMinutes
    ? `the backend evaluates every entity every ${evaluationIntervalMinutes} minutes`
    : 'the backend evaluates every entity on a schedule, every 30 minutes unless configured otherwise';
}

/**
 * Shown when the backend has no scorecard for the entity (a 404): the entity
 * is new, or the schedule has not reached it yet.
 */
export function NotEvaluated(props: {
  evaluationIntervalMinutes?: number;
  refresh(): void;
  refreshing: boolean;
  failure?: string;
}) {
  const { evaluationIntervalMinutes, ...refresh } = props;
  return (
    <EmptyState
      missing="data"
      title="Not evaluated yet"
      description={`No scorecard for this entity yet: ${scheduleText(
        evaluationIntervalMinutes,
      )}. Press Refresh to evaluate it now.`}
      action={<RefreshButton {...refresh} />}
    />
  );
}

/** One line for the compact card. */
export function NotEvaluatedLine(props: {
  evaluationIntervalMinutes?: number;
}) {
  return (
    <Typography variant="body2" color="textSecondary">
      Not evaluated yet — {scheduleText(props.evaluationIntervalMinutes)}.
    </Typography>
  );
}
