import Link from '@material-ui/core/Link';
import { getEntityRelations } from '@backstage/plugin-catalog-react';
import {
  MLMonitorEntityV1alpha1,
  RELATION_ALERTS,
  RELATION_MONITORS_MODEL,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  Duration,
  EntityRefList,
  MetadataList,
  MetadataValue,
  MlopsCardProps,
  MlopsInfoCard,
  NOT_SET,
} from '../shared';
import { useCardEntity } from '../../hooks/useCardEntity';

const TITLE = 'Monitor';

const MONITOR_TYPES: Record<MLMonitorEntityV1alpha1['spec']['type'], string> = {
  'data-drift': 'Data drift',
  'prediction-drift': 'Prediction drift',
  performance: 'Performance',
};

function monitorMetadata(
  entity: MLMonitorEntityV1alpha1,
): [string, MetadataValue][] {
  const { spec } = entity;
  const channels = spec.alerting?.channels ?? [];
  return [
    ['Type', MONITOR_TYPES[spec.type] ?? spec.type],
    ['Cadence', spec.cadence ? <Duration value={spec.cadence} /> : NOT_SET],
    [
      'Model',
      <EntityRefList
        entityRefs={getEntityRelations(entity, RELATION_MONITORS_MODEL)}
        empty={spec.model}
      />,
    ],
    [
      'Runbook',
      spec.runbook ? (
        <Link href={spec.runbook} target="_blank" rel="noopener noreferrer">
          {spec.runbook}
        </Link>
      ) : (
        NOT_SET
      ),
    ],
    [
      'Alerts to',
      <EntityRefList
        entityRefs={getEntityRelations(entity, RELATION_ALERTS)}
        empty="Nobody"
      />,
    ],
    [
      'Alert channels',
      channels.length
        ? channels.map(({ type, target }) => `${type}: ${target}`)
        : 'None',
    ],
  ];
}

/** What the monitor watches, how often, and whom it alerts. */
export function MonitorCard(props: MlopsCardProps) {
  const { entity, mismatch } = useCardEntity('MLMonitor', TITLE);
  if (mismatch) return mismatch;
  return (
    <MlopsInfoCard
      title={TITLE}
      testId="mlops-monitor-card"
      variant={props.variant}
    >
      <MetadataList items={monitorMetadata(entity)} />
    </MlopsInfoCard>
  );
}
