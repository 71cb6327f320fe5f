import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  MlopsCardProps,
  MlopsInfoCard,
  formatDuration,
  formatDateTime,
  Status,
  DRIFT_STATE_STATUS,
} from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { FeatureTable, Windows } from './FeatureTable';
import { driftedShareText, sortBySeverity } from './format';
import { NoMonitors, NoObservations } from './NoObservations';
import type { MonitorHealth } from '@mlightenment/backstage-plugin-mlops-common';

/** Props of the drift-health card. @public */
export interface DriftHealthCardProps extends MlopsCardProps {
  /** Where the drift documentation is published, for the empty state's link. */
  docsUrl?: string;
}

function hasObservations(monitor: MonitorHealth): boolean {
  return (
    Boolean(monitor.lastObservationAt) ||
    monitor.features.some(feature => feature.value !== null)
  );
}

function MonitorSection(props: { monitor: MonitorHealth; linked: boolean }) {
  const { monitor, linked } = props;
  const title = monitor.title ?? monitor.entityRef;
  return (
    <Box component="section" marginTop={2} aria-label={title}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 12 }}
      >
        <Typography variant="subtitle1" component="h3">
          {linked ? (
            <EntityRefLink entityRef={monitor.entityRef} title={title} />
          ) : (
            title
          )}
        </Typography>
        <Status of={DRIFT_STATE_STATUS} value={monitor.state} />
      </Box>
      <Typography variant="body2">
        {driftedShareText(monitor)}
        {monitor.datasetDrift && ' — dataset drift.'}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {monitor.lastObservationAt
          ? `Last observation ${formatDateTime(monitor.lastObservationAt)}`
          : 'No observation yet'}
        {monitor.cadence && `; expected ${formatDuration(monitor.cadence)}`}.
      </Typography>
      <Windows features={monitor.features} />
      {monitor.features.length > 0 && (
        <Box marginTop={1} style={{ overflowX: 'auto' }}>
          <FeatureTable monitorTitle={title} features={monitor.features} />
        </Box>
      )}
    </Box>
  );
}

/**
 * The drift health of a model or monitor: the overall state, and per monitor
 * the share of drifted features, the windows and each feature the most
 * severe first.
 */
export function DriftHealthCard(props: DriftHealthCardProps) {
  const { variant, docsUrl } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const isModel = entity.kind.toLocaleLowerCase('en-US') === 'mlmodel';
  const health = useMlops(api => api.getDriftHealth(entityRef), [entityRef]);

  let body;
  if (health.error) {
    body = <ResponseErrorPanel error={health.error} />;
  } else if (!health.value) {
    body = <Progress />;
  } else if (health.value.monitors.length === 0) {
    body = <NoMonitors modelRef={entityRef} docsUrl={docsUrl} />;
  } else if (!health.value.monitors.some(hasObservations)) {
    body = (
      <NoObservations
        monitorRefs={health.value.monitors.map(m => m.entityRef)}
        docsUrl={docsUrl}
      />
    );
  } else {
    const { state, evaluatedAt, monitors } = health.value;
    body = (
      <>
        <Box
          display="flex"
          alignItems="baseline"
          flexWrap="wrap"
          style={{ gap: 16 }}
        >
          <Typography
            variant="h5"
            component="p"
            data-testid="mlops-drift-state"
          >
            <Status of={DRIFT_STATE_STATUS} value={state} />
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {evaluatedAt
              ? `Last evaluated ${formatDateTime(evaluatedAt)}`
              : 'Not evaluated yet'}
          </Typography>
        </Box>
        {sortBySeverity(
          monitors.map(m => ({ ...m, name: m.title ?? m.entityRef })),
        ).map(monitor => (
          <MonitorSection
            key={monitor.entityRef}
            monitor={monitor}
            linked={isModel}
          />
        ))}
      </>
    );
  }
  return (
    <MlopsInfoCard
      title="Drift health"
      testId="mlops-drift-health-card"
      variant={variant}
    >
      {body}
    </MlopsInfoCard>
  );
}
