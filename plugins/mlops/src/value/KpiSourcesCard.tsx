import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { KpiSourceDryRunBinding } from '@mlightenment/backstage-plugin-mlops-common';
import { mlopsApiRef } from '../api';
import { MlopsInfoCard } from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { DryRun, DryRunResult } from '../sourceBindings/DryRun';
import { SourceBindingsStatus } from '../sourceBindings/SourceBindingsTable';

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

  return (
    <MlopsInfoCard
      title="KPI source bindings"
      testId="mlops-kpi-sources"
      subheader="Where this use case's KPI actuals are pulled from, and how the last pull went"
    >
      <SourceBindingsStatus
        status={status}
        label={`KPI source bindings of ${title}`}
        notPulledYet="Not pulled yet: the KPIs' bindings are pulled on the source's schedule (for Prometheus every hour by default)."
        noun="actual"
      />
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
