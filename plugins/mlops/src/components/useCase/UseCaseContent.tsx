import Grid from '@material-ui/core/Grid';
import { AcceptanceCriteriaCard } from './AcceptanceCriteriaCard';
import { BusinessDriversCard } from './BusinessDriversCard';
import { UseCaseOverviewCard } from './UseCaseOverviewCard';

/** Every card of an MLUseCase, laid out as one page. */
export function UseCaseContent() {
  return (
    <Grid
      container
      spacing={3}
      alignItems="stretch"
      data-testid="mlops-use-case-content"
    >
      <Grid item xs={12} md={6}>
        <UseCaseOverviewCard variant="gridItem" />
      </Grid>
      <Grid item xs={12} md={6}>
        <BusinessDriversCard />
      </Grid>
      <Grid item xs={12}>
        <AcceptanceCriteriaCard />
      </Grid>
    </Grid>
  );
}
