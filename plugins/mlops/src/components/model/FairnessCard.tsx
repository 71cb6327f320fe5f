import { TableColumn } from '@backstage/core-components';
import {
  CheckOutcome,
  DEFAULT_FAIRNESS_OPERATOR,
  evaluateFairness,
  FairnessResult,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  formatBound,
  MlopsTableCard,
  Status,
  TwoLines,
  CHECK_OUTCOME_STATUS,
} from '../shared';
import { useCardEntity } from '../../hooks/useCardEntity';

const TITLE = 'Fairness';

type FairnessRow = FairnessResult & { outcome: CheckOutcome };

// Three columns, the metric under its attribute and the outcome under its
// bound, so that the table fits the Overview's content column at 1024 px.
const columns: TableColumn<FairnessRow>[] = [
  {
    title: 'Attribute and metric',
    field: 'attribute',
    render: row => <TwoLines main={row.attribute} secondary={row.metric} />,
  },
  { title: 'Value', field: 'value' },
  {
    title: 'Bound',
    render: row => (
      <TwoLines
        main={
          row.threshold === undefined
            ? '—'
            : formatBound(
                row.operator ?? DEFAULT_FAIRNESS_OPERATOR,
                row.threshold,
              )
        }
        secondary={<Status of={CHECK_OUTCOME_STATUS} value={row.outcome} />}
      />
    ),
  },
];

function fairnessRow(result: FairnessResult): FairnessRow {
  return { ...result, outcome: evaluateFairness(result) };
}

/** The model's fairness test results against their bounds. */
export function FairnessCard() {
  const { entity, mismatch } = useCardEntity('MLModel', TITLE);
  if (mismatch) return mismatch;
  return (
    <MlopsTableCard
      title={TITLE}
      testId="mlops-fairness-card"
      columns={columns}
      rows={(entity.spec.fairness ?? []).map(fairnessRow)}
      emptyMessage="No fairness results declared. Add them under spec.fairness."
    />
  );
}
