import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isMLMonitorEntity } from '@mlightenment/backstage-plugin-mlops-common';
import { MlopsInfoCard, Period, PeriodButtons } from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { AlertDeliveriesCard } from './AlertDeliveriesCard';
import { DriftHealthCard } from './DriftHealthCard';
import { DriftSourcesCard } from './DriftSourcesCard';
import { sortBySeverity, statisticName } from './format';
import { SeriesChart } from './SeriesChart';

/** Props of the monitor's drift tab. @public */
export interface DriftContentProps {
  /** Where the drift documentation is published, for the empty state's link. */
  docsUrl?: string;
}

/**
 * A monitor's drift tab: its health, then each feature's statistic over the
 * chosen period against its warning and alert thresholds.
 */
export function DriftContent(props: DriftContentProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [days, setDays] = useState<Period>(30);
  const series = useMlops(
    api => api.getDriftSeries(entityRef, days),
    [entityRef, days],
  );

  let charts;
  if (series.error) charts = <ResponseErrorPanel error={series.error} />;
  else if (!series.value || series.loading) charts = <Progress />;
  else if (series.value.features.length === 0) {
    charts = (
      <Typography variant="body2" color="textSecondary">
        No feature of this monitor has observations yet.
      </Typography>
    );
  } else {
    charts = (
      <Grid container spacing={3}>
        {sortBySeverity(
          series.value.features.map(feature => ({
            ...feature,
            state:
              feature.points[feature.points.length - 1]?.state ?? 'no-data',
          })),
        ).map(feature => (
          <Grid item xs={12} lg={6} key={feature.name}>
            <MlopsInfoCard
              title={feature.name}
              testId={`mlops-drift-series-${feature.name}`}
              subheader={statisticName(feature.statistic)}
            >
              <SeriesChart feature={feature} days={days} />
            </MlopsInfoCard>
          </Grid>
        ))}
      </Grid>
    );
  }

  return (
    <Grid container spacing={3} data-testid="mlops-drift-content">
      <Grid item xs={12}>
        <DriftHealthCard docsUrl={props.docsUrl} />
      </Grid>
      <Grid item xs={12}>
        <Box
          display="flex"
          alignItems="center"
          marginBottom={2}
          style={{ gap: 16 }}
        >
          <Typography variant="h6" component="h2">
            Features over time
          </Typography>
          <PeriodButtons value={days} onChange={setDays} />
        </Box>
        {charts}
      </Grid>
      {isMLMonitorEntity(entity) && entity.spec.source && (
        <Grid item xs={12}>
          <DriftSourcesCard />
        </Grid>
      )}
      <Grid item xs={12}>
        <AlertDeliveriesCard />
      </Grid>
    </Grid>
  );
}
