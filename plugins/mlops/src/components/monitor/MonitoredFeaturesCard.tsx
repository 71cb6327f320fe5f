import Typography from '@material-ui/core/Typography';
import { TableColumn } from '@backstage/core-components';
import {
  MonitoredFeature,
  thresholdsOf,
} from '@mlightenment/backstage-plugin-mlops-common';
import { MlopsTableCard, TwoLines, formatBounds } from '../shared';
import { useCardEntity } from '../../hooks/useCardEntity';

const TITLE = 'Monitored features';

// Feature names and statistic names are identifiers: never break them.
const noWrap = { whiteSpace: 'nowrap' } as const;

/** `warning at ≥ 0.1` on a line of its own; the bounds never break. */
function Threshold(props: {
  level: 'warning' | 'alert';
  feature: MonitoredFeature;
}) {
  return (
    <Typography variant="body2" component="div">
      {props.level} at{' '}
      <span style={noWrap}>
        {formatBounds(props.level, thresholdsOf(props.feature))}
      </span>
    </Typography>
  );
}

// Three columns, the type under its feature and both thresholds in one, so
// that the table fits the Overview's content column at 1024 px.
const columns: TableColumn<MonitoredFeature>[] = [
  {
    title: 'Feature',
    field: 'name',
    cellStyle: noWrap,
    render: feature => (
      <TwoLines main={feature.name} secondary={feature.type} />
    ),
  },
  { title: 'Statistic', field: 'statistic', cellStyle: noWrap },
  {
    title: 'Thresholds',
    // Nothing to sort by; without the sort arrow the header is narrower.
    sorting: false,
    render: feature => (
      <>
        <Threshold level="warning" feature={feature} />
        <Threshold level="alert" feature={feature} />
      </>
    ),
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
