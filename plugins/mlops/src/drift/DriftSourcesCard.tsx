import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { DriftSourceDryRunBinding } from '@mlightenment/backstage-plugin-mlops-common';
import { mlopsApiRef } from '../api';
import { formatDateTime, MlopsInfoCard } from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { DryRun, DryRunResult } from '../sourceBindings/DryRun';
import { SourceBindingsStatus } from '../sourceBindings/SourceBindingsTable';

/** A drift binding's dry run, its observations as when and what. */
const toResult = ({
  observations,
  ...binding
}: DriftSourceDryRunBinding): DryRunResult => ({
  ...binding,
  latest: observations.map(o => ({
    at: formatDateTime(o.observedAt),
    value:
      o.value === undefined && o.pValue !== undefined
        ? `p-value ${o.pValue}`
        : String(o.value ?? 'samples'),
  })),
});

/**
 * The bindings of the monitor on the page to drift sources (for Prometheus
 * one query per feature, `spec.source`) and how their scheduled pulls went:
 * the last pull, the samples it imported and skipped, the last error in
 * the source's own words; and a dry run that pulls them now.
 */
export function DriftSourcesCard() {
  const { entity } = useEntity();
  const api = useApi(mlopsApiRef);
  const monitorRef = stringifyEntityRef(entity);
  const status = useMlops(
    mlops => mlops.getDriftSourceStatus(monitorRef),
    [monitorRef],
  );
  const title = entity.metadata.title ?? entity.metadata.name;

  return (
    <MlopsInfoCard
      title="Source bindings"
      testId="mlops-drift-sources"
      subheader="Where this monitor's observations are pulled from, and how the last pull went"
    >
      <SourceBindingsStatus
        status={status}
        label={`Source bindings of ${title}`}
        notPulledYet="Not pulled yet: the bindings in spec.source are pulled on the source's schedule (for Prometheus every 15 minutes by default)."
      />
      <DryRun
        what={`${title}'s bindings`}
        run={async () =>
          (await api.dryRunDriftSource({ monitor: monitorRef })).bindings.map(
            toResult,
          )
        }
      />
    </MlopsInfoCard>
  );
}
