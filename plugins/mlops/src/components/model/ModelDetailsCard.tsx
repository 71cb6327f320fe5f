import Link from '@material-ui/core/Link';
import { MLModelEntityV1alpha1 } from '@mlightenment/backstage-plugin-mlops-common';
import {
  MetadataList,
  MlopsCardProps,
  MlopsInfoCard,
  NOT_SET,
} from '../shared';
import { useCardEntity } from '../../hooks/useCardEntity';
import { CurrentStage } from '../../gates/CurrentStage';

const TITLE = 'Model details';

function Registry(props: {
  registry: NonNullable<MLModelEntityV1alpha1['spec']['registry']>;
}) {
  const { type, uri, url } = props.registry;
  return (
    <>
      {type}:{' '}
      {url ? (
        <Link href={url} target="_blank" rel="noopener noreferrer">
          {uri}
        </Link>
      ) : (
        uri
      )}
    </>
  );
}

/** What the model is and where its artefact is registered. */
export function ModelDetailsCard(props: MlopsCardProps) {
  const { entity, mismatch } = useCardEntity('MLModel', TITLE);
  if (mismatch) return mismatch;
  const { spec } = entity;
  return (
    <MlopsInfoCard
      title={TITLE}
      testId="mlops-model-details-card"
      variant={props.variant}
    >
      <MetadataList
        items={[
          ['Type', spec.type],
          ['Framework', spec.framework ?? NOT_SET],
          ['Version', spec.version ?? NOT_SET],
          ['Lifecycle', spec.lifecycle],
          ['Stage', <CurrentStage />],
          [
            'Registry',
            spec.registry ? <Registry registry={spec.registry} /> : NOT_SET,
          ],
        ]}
      />
    </MlopsInfoCard>
  );
}
