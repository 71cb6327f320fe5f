import Grid from '@material-ui/core/Grid';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isMLUseCaseEntity } from '@mlightenment/backstage-plugin-mlops-common';
import { MlopsInfoCard } from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { CheckInForm } from './CheckInForm';
import { KpiSourcesCard } from './KpiSourcesCard';
import { ValueBody } from './ValueCard';
import { ValueHistory } from './ValueHistory';

/** Props of the use case's Value tab. @public */
export interface ValueContentProps {
  /** Where the business-value documentation is published, for the empty state's link. */
  docsUrl?: string;
}

/**
 * A use case's Value tab: each KPI with its trend, the check-in form for
 * those who may record an actual, the KPIs' source bindings when a KPI is
 * pulled from a source, and the whole ledger with its corrections and a
 * CSV download.
 */
export function ValueContent(props: ValueContentProps) {
  const { entity } = useEntity();
  const useCaseRef = stringifyEntityRef(entity);
  const value = useMlops(api => api.getUseCaseValue(useCaseRef), [useCaseRef]);
  const history = useMlops(
    api => api.getUseCaseValueHistory(useCaseRef),
    [useCaseRef],
  );

  if (value.error) return <ResponseErrorPanel error={value.error} />;
  if (!value.value) return <Progress />;
  const { kpis, canRecord } = value.value;
  const records = history.value?.records ?? [];
  const bound =
    isMLUseCaseEntity(entity) &&
    (entity.spec.businessDrivers ?? []).some(d => d.prometheus);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <MlopsInfoCard
          title="Business value"
          testId="mlops-value-content"
          subheader="Each KPI from baseline to target, its actuals and what happened around them"
        >
          <ValueBody value={value.value} docsUrl={props.docsUrl} size="large" />
        </MlopsInfoCard>
      </Grid>
      {canRecord && kpis.length > 0 && (
        <Grid item xs={12} md={8} lg={6}>
          <CheckInForm
            useCaseRef={useCaseRef}
            kpis={kpis}
            records={records}
            onRecorded={answer => {
              value.setValue(answer);
              history.retry();
            }}
          />
        </Grid>
      )}
      {bound && (
        <Grid item xs={12}>
          <KpiSourcesCard />
        </Grid>
      )}
      <Grid item xs={12}>
        {history.error ? (
          <ResponseErrorPanel error={history.error} />
        ) : (
          <ValueHistory
            useCaseRef={useCaseRef}
            records={records}
            kpis={kpis}
            loading={history.loading}
          />
        )}
      </Grid>
    </Grid>
  );
}
