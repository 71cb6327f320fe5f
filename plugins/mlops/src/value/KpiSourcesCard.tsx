import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { KpiSourceDryRunBinding } from '@mlightenment/backstage-plugin-mlops-common';
import { mlopsApiRef } from '../api';
import { MlopsInfoCard } from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { DryRun, DryRunResult } from '../sourceBindings/DryRun';
import { SourceBindingsTable } from '../sourceBindings/SourceBindingsTable';

/** A KPI binding's dry run, its actuals as period and value. */
const toResult = ({
  actuals,
  ...binding
}: KpiSourceDryRunBinding): DryRunResult => ({
  ...binding,
  latest: actuals.map(a => ({
    at: `period ${a.periodStart} to ${a.periodEnd}`,
    value: String(a.value),
  })),
});

/**
 * The bindings of the use case's KPIs to sources (for Prometheus one query
 * per KPI, `spec.businessDrivers[].prometheus`) and how their scheduled
 * pulls went: the last pull, the actuals it recorded, the samples skipped,
 * the last error in the source's own words; and a dry run that pulls them
 * now.
 */
export function KpiSourcesCard() {
  const { entity } = useEntity();
  const api = useApi(mlopsApiRef);
  const useCaseRef = stringifyEntityRef(entity);
  const status = useMlops(
    mlops => mlops.getKpiSourceStatus(useCaseRef),
    [useCaseRef],
  );
  const title = entity.metadata.title ?? entity.metadata.name;

  let body;
  if (status.error) body = <ResponseErrorPanel error={status.error} />;
  else if (!status.value) body = <Progress />;
  else if (status.value.bindings.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Not pulled yet: the KPIs' bindings are pulled on the source's schedule
        (for Prometheus every hour by default).
      </Typography>
    );
  } else {
    body = (
      <SourceBindingsTable
        label={`KPI source bindings of ${title}`}
        bindings={status.value.bindings}
        noun="actual"
      />
    );
  }

  return (
    <MlopsInfoCard
      title="KPI source bindings"
      testId="mlops-kpi-sources"
      subheader="Where this use case's KPI actuals are pulled from, and how the last pull went"
    >
      {body}
      <DryRun
        what={`${title}'s KPI bindings`}
        noun="actual"
        run={async () =>
          (await api.dryRunKpiSource({ useCase: useCaseRef })).bindings.map(
            toResult,
          )
        }
      />
    </MlopsInfoCard>
  );
}
