import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { MarkdownContent } from '@backstage/core-components';
import { getEntityRelations } from '@backstage/plugin-catalog-react';
import {
  MLUseCaseEntityV1alpha1,
  RELATION_SPONSORED_BY,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  Duration,
  EntityRefList,
  formatYesNo,
  MetadataList,
  MetadataValue,
  MlopsCardProps,
  MlopsInfoCard,
  NOT_SET,
} from '../shared';
import { useCardEntity } from '../../hooks/useCardEntity';
import { CurrentStage } from '../../gates/CurrentStage';

const TITLE = 'Use case';

function listOrNone(items: string[] | undefined): string[] | string {
  return items?.length ? items : 'None';
}

function metadataOfUseCase(
  entity: MLUseCaseEntityV1alpha1,
): [string, MetadataValue][] {
  const { spec } = entity;
  const reviewCadence = spec.governance?.reviewCadence;
  return [
    [
      'Sponsor',
      <EntityRefList
        entityRefs={getEntityRelations(entity, RELATION_SPONSORED_BY)}
        empty={NOT_SET}
      />,
    ],
    ['Lifecycle', spec.lifecycle],
    ['Risk tier', spec.risk?.tier ?? NOT_SET],
    ['Personal data', formatYesNo(spec.risk?.personalData)],
    ['Ethical considerations', listOrNone(spec.risk?.ethicalConsiderations)],
    ['Explanations required', formatYesNo(spec.explainability?.required)],
    ['Explanation audience', spec.explainability?.audience ?? NOT_SET],
    ['Explanation approach', spec.explainability?.approach ?? NOT_SET],
    [
      'Review cadence',
      reviewCadence ? <Duration value={reviewCadence} /> : NOT_SET,
    ],
    ['Policies', listOrNone(spec.governance?.policies)],
    [
      'Functional requirements',
      listOrNone(spec.operationalRequirements?.functional),
    ],
    [
      'Non-functional requirements',
      listOrNone(spec.operationalRequirements?.nonFunctional),
    ],
  ];
}

/**
 * The use case at a glance: the problem it solves, who sponsors it, its risk,
 * and how it is to be explained, governed and operated.
 */
export function UseCaseOverviewCard(props: MlopsCardProps) {
  const { entity, mismatch } = useCardEntity('MLUseCase', TITLE);
  if (mismatch) return mismatch;
  return (
    <MlopsInfoCard
      title={TITLE}
      testId="mlops-use-case-card"
      variant={props.variant}
    >
      <Box marginBottom={2}>
        <Typography variant="subtitle2" component="h3">
          Problem statement
        </Typography>
        {entity.spec.problemStatement ? (
          <MarkdownContent content={entity.spec.problemStatement} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            {NOT_SET}
          </Typography>
        )}
      </Box>
      <MetadataList
        items={[['Stage', <CurrentStage />], ...metadataOfUseCase(entity)]}
      />
    </MlopsInfoCard>
  );
}
