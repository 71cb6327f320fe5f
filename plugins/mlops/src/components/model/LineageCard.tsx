import { getEntityRelations } from '@backstage/plugin-catalog-react';
import { RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import {
  RELATION_IMPLEMENTS_USE_CASE,
  RELATION_MODEL_MONITORED_BY,
  RELATION_SERVED_BY,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  EntityRefList,
  MetadataList,
  MlopsCardProps,
  MlopsInfoCard,
} from '../shared';
import { useCardEntity } from '../../hooks/useCardEntity';

const TITLE = 'Lineage';

const LINKS = [
  { label: 'Use case', relation: RELATION_IMPLEMENTS_USE_CASE },
  { label: 'Datasets', relation: RELATION_DEPENDS_ON },
  { label: 'Served by', relation: RELATION_SERVED_BY },
  { label: 'Monitors', relation: RELATION_MODEL_MONITORED_BY },
] as const;

/**
 * Where the model comes from and where it goes: its use case, the datasets
 * it depends on, what serves it and what monitors it.
 */
export function LineageCard(props: MlopsCardProps) {
  const { entity, mismatch } = useCardEntity('MLModel', TITLE);
  if (mismatch) return mismatch;
  const items = LINKS.map(
    ({ label, relation }) =>
      [
        label,
        <EntityRefList
          entityRefs={getEntityRelations(entity, relation)}
          empty="None"
        />,
      ] as const,
  );
  return (
    <MlopsInfoCard
      title={TITLE}
      testId="mlops-lineage-card"
      variant={props.variant}
    >
      <MetadataList items={items} />
    </MlopsInfoCard>
  );
}
