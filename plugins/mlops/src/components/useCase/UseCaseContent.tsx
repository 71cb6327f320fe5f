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
      {/* Side by side from 1280 px; on a laptop beside the sidebar each
          needs the whole width. */}
      <Grid item xs={12} lg={6}>
        <UseCaseOverviewCard variant="gridItem" />
      </Grid>
      <Grid item xs={12} lg={6}>
        <BusinessDriversCard />
      </Grid>
      <Grid item xs={12}>
        <AcceptanceCriteriaCard />
      </Grid>
    </Grid>
  );
}
