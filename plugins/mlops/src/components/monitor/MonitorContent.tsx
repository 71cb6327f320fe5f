import Grid from '@material-ui/core/Grid';
import { MonitorCard } from './MonitorCard';
import { MonitoredFeaturesCard } from './MonitoredFeaturesCard';

/** Every card of an MLMonitor, laid out as one page. */
export function MonitorContent() {
  return (
    <Grid
      container
      spacing={3}
      alignItems="stretch"
      data-testid="mlops-monitor-content"
    >
      <Grid item xs={12} md={4}>
        <MonitorCard variant="gridItem" />
      </Grid>
      <Grid item xs={12} md={8}>
        <MonitoredFeaturesCard />
      </Grid>
    </Grid>
  );
}
