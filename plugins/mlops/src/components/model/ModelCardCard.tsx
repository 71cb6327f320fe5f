import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { MarkdownContent } from '@backstage/core-components';
import {
  MODEL_CARD_SECTIONS,
  ModelCard,
  modelCardCompleteness,
} from '@mlightenment/backstage-plugin-mlops-common';
import { MlopsCardProps, MlopsInfoCard } from '../shared';
import { useCardEntity } from '../../hooks/useCardEntity';

const TITLE = 'Model card';

function ModelCardSection(props: {
  sectionKey: keyof ModelCard;
  title: string;
  content?: string;
}) {
  const { sectionKey, title, content } = props;
  return (
    <Box
      component="section"
      marginBottom={2}
      data-testid={`model-card-${sectionKey}`}
    >
      <Typography variant="subtitle1" component="h3">
        {title}
      </Typography>
      {content ? (
        <MarkdownContent content={content} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          Missing: document it under spec.modelCard.{sectionKey}.
        </Typography>
      )}
    </Box>
  );
}

/**
 * The model card: every section after Mitchell et al. (2019), rendered as
 * Markdown, with the sections the model does not document marked as missing.
 */
export function ModelCardCard(props: MlopsCardProps) {
  const { entity, mismatch } = useCardEntity('MLModel', TITLE);
  if (mismatch) return mismatch;
  const card = entity.spec.modelCard ?? {};
  const { documented, total } = modelCardCompleteness(entity);
  return (
    <MlopsInfoCard
      title={TITLE}
      testId="mlops-model-card-card"
      subheader={`${documented.length} of ${total} sections documented`}
      variant={props.variant}
    >
      {MODEL_CARD_SECTIONS.map(({ key, title }) => (
        <ModelCardSection
          key={key}
          sectionKey={key}
          title={title}
          content={card[key]}
        />
      ))}
    </MlopsInfoCard>
  );
}
