import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRelatedEntities } from '@backstage/plugin-catalog-react';
import {
  isMLModelEntity,
  MLUseCaseEntityV1alpha1,
  RELATION_USE_CASE_IMPLEMENTED_BY,
} from '@mlightenment/backstage-plugin-mlops-common';
import { MlopsCardProps, MlopsInfoCard } from '../shared';
import { useCardEntity } from '../../hooks/useCardEntity';
import { AcceptanceMatrix } from './AcceptanceMatrix';

const TITLE = 'Acceptance criteria';

function AcceptanceCriteriaBody(props: { useCase: MLUseCaseEntityV1alpha1 }) {
  const { useCase } = props;
  const { entities, loading, error } = useRelatedEntities(useCase, {
    type: RELATION_USE_CASE_IMPLEMENTED_BY,
  });
  const criteria = useCase.spec.acceptanceCriteria ?? [];

  if (criteria.length === 0) {
    return (
      <EmptyState
        missing="field"
        title="No acceptance criteria"
        description="Declare the metrics this use case's models must meet under spec.acceptanceCriteria."
      />
    );
  }
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const models = (entities ?? [])
    .filter(isMLModelEntity)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  if (models.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No models implement this use case yet"
        description={`${criteria.length} acceptance criteria are declared. Register an MLModel whose spec.useCase refers to this use case to check them.`}
      />
    );
  }
  return <AcceptanceMatrix criteria={criteria} models={models} />;
}

/**
 * The acceptance criteria of the use case, checked against the metrics of
 * every model that implements it.
 */
export function AcceptanceCriteriaCard(props: MlopsCardProps) {
  const { entity, mismatch } = useCardEntity('MLUseCase', TITLE);
  if (mismatch) return mismatch;
  return (
    <MlopsInfoCard
      title={TITLE}
      testId="mlops-acceptance-criteria-card"
      variant={props.variant}
    >
      <AcceptanceCriteriaBody useCase={entity} />
    </MlopsInfoCard>
  );
}
