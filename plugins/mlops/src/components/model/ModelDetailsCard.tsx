import Link from '@material-ui/core/Link';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  isMLModelEntity,
  MLModelEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  KindMismatchPanel,
  MetadataList,
  MlopsCardProps,
  MlopsInfoCard,
  NOT_SET,
} from '../shared';
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
  const { entity } = useEntity();
  if (!isMLModelEntity(entity)) {
    return <KindMismatchPanel title={TITLE} kind="MLModel" />;
  }
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
