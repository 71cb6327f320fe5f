import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  KpiValue,
  ValueMarker,
} from '@mlightenment/backstage-plugin-mlops-common';
import { describeCadence } from '@mlightenment/backstage-plugin-mlops-common';
import {
  formatDate,
  formatPeriod,
  Status,
  KPI_STATUS,
} from '../components/shared';
import { KpiChart } from './KpiChart';
import { definitionChanges, formatKpiValue, formatProgress } from './format';

function cadenceText(cadence: string): string {
  try {
    return `Reported per ${describeCadence(cadence).replace(/s\b/, '')}`;
  } catch {
    return `Reported every ${cadence}`;
  }
}

/**
 * One KPI of a use case: its driver, status, baseline → target → latest
 * actual with its unit, the progress in words, why it has its status, any
 * change of its definition, and the trend of its actuals with the events
 * around them.
 */
export function KpiSummary(props: {
  kpi: KpiValue;
  markers: readonly ValueMarker[];
  size?: 'small' | 'large';
  headingLevel?: 'h3' | 'h2';
}) {
  const { kpi, markers, size = 'small', headingLevel = 'h3' } = props;
  const { latest, unit } = kpi;
  return (
    <Box
      component="section"
      aria-label={kpi.kpi}
      data-testid={`mlops-kpi-${kpi.id}`}
      marginBottom={3}
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 12 }}
      >
        <Typography
          variant={size === 'large' ? 'h6' : 'subtitle1'}
          component={headingLevel}
        >
          {kpi.kpi}
        </Typography>
        <Status of={KPI_STATUS} value={kpi.status} variant="chip" />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {kpi.driver}
      </Typography>
      <Typography variant="body2" data-testid="mlops-kpi-numbers">
        Baseline {formatKpiValue(kpi.baseline, unit)} → target{' '}
        {formatKpiValue(kpi.target, unit)} → latest actual{' '}
        {latest
          ? `${formatKpiValue(latest.value, unit)} for ${formatPeriod(
              latest.periodStart,
              latest.periodEnd,
            )}`
          : 'none yet'}
      </Typography>
      {kpi.progress !== undefined && (
        <Typography variant="body2" data-testid="mlops-kpi-progress">
          <strong>{formatProgress(kpi.progress)}</strong>
        </Typography>
      )}
      <Typography variant="body2">{kpi.reason}</Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {cadenceText(kpi.cadence)}
        {kpi.overdueAfter &&
          `; the next actual is overdue after ${formatDate(kpi.overdueAfter)}`}
        .
      </Typography>
      {definitionChanges(kpi).map(note => (
        <Typography
          key={note}
          variant="body2"
          data-testid="mlops-kpi-definition-change"
        >
          {note}
        </Typography>
      ))}
      {kpi.points.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No actuals yet for this KPI.
        </Typography>
      ) : (
        <Box marginTop={1}>
          <KpiChart kpi={kpi} markers={markers} size={size} />
        </Box>
      )}
    </Box>
  );
}
