import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { MlopsCardProps, MlopsInfoCard } from '../components/shared';
import { hasStatus } from '../api/errors';
import { useMlops } from '../hooks/useMlops';
import { KpiSummary } from './KpiSummary';
import { NoActuals, NoKpis } from './NoActuals';
import { valueUseCaseRef } from './format';
import type { UseCaseValue } from '@mlightenment/backstage-plugin-mlops-common';

/** Props of the business-value card and tab. @public */
export interface ValueCardProps extends MlopsCardProps {
  /** Where the business-value documentation is published, for the empty state's link. */
  docsUrl?: string;
}

/** A use case's KPIs, or what to do when there are none or no actuals yet. */
export function ValueBody(props: {
  value: UseCaseValue;
  docsUrl?: string;
  size?: 'small' | 'large';
}) {
  const { value, docsUrl, size } = props;
  if (value.kpis.length === 0) return <NoKpis docsUrl={docsUrl} />;
  return (
    <>
      {value.kpis.every(kpi => kpi.points.length === 0) && (
        <NoActuals docsUrl={docsUrl} canRecord={value.canRecord} />
      )}
      {value.kpis.map(kpi => (
        <KpiSummary
          key={kpi.id}
          kpi={kpi}
          markers={value.markers}
          size={size}
        />
      ))}
    </>
  );
}

function UseCaseValueCard(props: ValueCardProps & { useCaseRef: string }) {
  const { useCaseRef, docsUrl, variant } = props;
  const { entity } = useEntity();
  const onModel = entity.kind.toLocaleLowerCase('en-US') !== 'mlusecase';
  const value = useMlops(api => api.getUseCaseValue(useCaseRef), [useCaseRef]);
  let body;
  if (value.error && hasStatus(value.error, 404)) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Use case {useCaseRef} is not in the catalog, so there are no KPIs to
        show.
      </Typography>
    );
  } else if (value.error) body = <ResponseErrorPanel error={value.error} />;
  else if (!value.value) body = <Progress />;
  else body = <ValueBody value={value.value} docsUrl={docsUrl} />;
  return (
    <MlopsInfoCard
      title="Business value"
      testId="mlops-value-card"
      variant={variant}
      subheader={
        onModel ? (
          <>
            The KPIs of use case{' '}
            <EntityRefLink entityRef={useCaseRef} title={value.value?.title} />,
            which this model serves
          </>
        ) : (
          'Each KPI from baseline to target, and its actuals'
        )
      }
    >
      {body}
    </MlopsInfoCard>
  );
}

/**
 * The business value of a use case: each KPI's status, baseline, target and
 * latest actual, the progress to target and the trend with gate approvals and
 * drift alerts. On a model's page, those of the use case it serves.
 */
export function ValueCard(props: ValueCardProps) {
  const { entity } = useEntity();
  const useCaseRef = valueUseCaseRef(entity);
  if (!useCaseRef) {
    return (
      <MlopsInfoCard
        title="Business value"
        testId="mlops-value-card"
        variant={props.variant}
      >
        <Typography variant="body2" color="textSecondary">
          This entity names no use case, so it has no KPIs to show. A model
          names the use case it serves in <code>spec.useCase</code>.
        </Typography>
      </MlopsInfoCard>
    );
  }
  return <UseCaseValueCard {...props} useCaseRef={useCaseRef} />;
}
