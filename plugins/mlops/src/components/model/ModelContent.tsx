import Grid from '@material-ui/core/Grid';
import { FairnessCard } from './FairnessCard';
import { LineageCard } from './LineageCard';
import { ModelCardCard } from './ModelCardCard';
import { ModelDetailsCard } from './ModelDetailsCard';
import { ModelMetricsCard } from './ModelMetricsCard';

/** Every card of an MLModel, laid out as one page. */
export function ModelContent() {
  return (
    <Grid
      container
      spacing={3}
      alignItems="stretch"
      data-testid="mlops-model-content"
    >
      <Grid item xs={12} md={6}>
        <ModelDetailsCard variant="gridItem" />
      </Grid>
      <Grid item xs={12} md={6}>
        <LineageCard variant="gridItem" />
      </Grid>
      <Grid item xs={12}>
        <ModelMetricsCard />
      </Grid>
      <Grid item xs={12}>
        <FairnessCard />
      </Grid>
      <Grid item xs={12}>
        <ModelCardCard />
      </Grid>
    </Grid>
  );
}
