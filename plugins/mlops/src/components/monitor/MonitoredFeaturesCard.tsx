import { TableColumn } from '@backstage/core-components';
import {
  MonitoredFeature,
  thresholdsOf,
} from '@mlightenment/backstage-plugin-mlops-common';
import { MlopsTableCard, formatBounds } from '../shared';
import { useCardEntity } from '../../hooks/useCardEntity';

const TITLE = 'Monitored features';

// Feature names and statistic names are identifiers: never break them.
const noWrap = { whiteSpace: 'nowrap' } as const;

const columns: TableColumn<MonitoredFeature>[] = [
  { title: 'Feature', field: 'name', cellStyle: noWrap },
  { title: 'Type', field: 'type', cellStyle: noWrap },
  { title: 'Statistic', field: 'statistic', cellStyle: noWrap },
  {
    title: 'Warning threshold',
    render: feature => formatBounds('warning', thresholdsOf(feature)),
  },
  {
    title: 'Alert threshold',
    render: feature => formatBounds('alert', thresholdsOf(feature)),
  },
];

/**
 * The features the monitor watches, with their statistic and thresholds,
 * each with the direction it is reached in (`≥ 0.25`, `≤ 0.7`, `p ≤ 0.05`,
 * `≤ -0.05 or ≥ 0.05` outside a band).
 */
export function MonitoredFeaturesCard() {
  const { entity, mismatch } = useCardEntity('MLMonitor', TITLE);
  if (mismatch) return mismatch;
  return (
    <MlopsTableCard
      title={TITLE}
      testId="mlops-monitored-features-card"
      columns={columns}
      rows={(entity.spec.features ?? []).map(feature => ({ ...feature }))}
      emptyMessage="No monitored features declared. Add them under spec.features."
    />
  );
}
