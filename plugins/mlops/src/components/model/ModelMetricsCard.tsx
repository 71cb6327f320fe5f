import { ResponseErrorPanel, TableColumn } from '@backstage/core-components';
import { useRelatedEntities } from '@backstage/plugin-catalog-react';
import {
  isMLUseCaseEntity,
  MetricRow,
  metricRows,
  MLModelEntityV1alpha1,
  RELATION_IMPLEMENTS_USE_CASE,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  formatNumber,
  formatRowCriterion,
  MlopsTableCard,
  Status,
  TwoLines,
  CHECK_OUTCOME_STATUS,
} from '../shared';
import { useCardEntity } from '../../hooks/useCardEntity';

const TITLE = 'Metrics';

// Three columns, the dataset under its metric and the outcome under its
// criterion, so that the table fits the Overview's content column at 1024 px.
const columns: TableColumn<MetricRow>[] = [
  {
    title: 'Metric and dataset',
    field: 'metric',
    render: row => <TwoLines main={row.metric} secondary={row.dataset} />,
  },
  { title: 'Value', render: row => formatNumber(row.value) },
  {
    title: 'Acceptance criterion',
    render: row => (
      <TwoLines
        main={formatRowCriterion(row)}
        secondary={<Status of={CHECK_OUTCOME_STATUS} value={row.outcome} />}
      />
    ),
  },
];

function ModelMetricsTable(props: { model: MLModelEntityV1alpha1 }) {
  const { model } = props;
  const { entities, loading, error } = useRelatedEntities(model, {
    type: RELATION_IMPLEMENTS_USE_CASE,
  });
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const useCase = entities?.find(isMLUseCaseEntity);
  let subtitle: string | undefined;
  if (!loading) {
    subtitle = useCase
      ? `Checked against the acceptance criteria of use case ${
          useCase.metadata.title ?? useCase.metadata.name
        }`
      : `Use case ${model.spec.useCase} is not in the catalog, so no acceptance criteria apply`;
  }
  return (
    <MlopsTableCard
      title={TITLE}
      testId="mlops-metrics-card"
      subtitle={subtitle}
      columns={columns}
      rows={metricRows(model, useCase?.spec.acceptanceCriteria ?? [])}
      isLoading={loading}
      emptyMessage="No metrics declared and no acceptance criteria to meet. Add the model's metrics under spec.metrics."
    />
  );
}

/**
 * The model's metrics checked against the acceptance criteria of its use
 * case, including the criteria it declares no metric for.
 */
export function ModelMetricsCard() {
  const { entity, mismatch } = useCardEntity('MLModel', TITLE);
  if (mismatch) return mismatch;
  return <ModelMetricsTable model={entity} />;
}
