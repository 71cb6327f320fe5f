import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MlopsCardProps, MlopsInfoCard } from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { RejectedEntityList } from './RejectedEntityList';

/**
 * The rejected ML entities of a list: loading, the backend's error (a 503
 * names the catalog module to install), the empty state, or the list.
 */
export function RejectedEntitiesBody(props: {
  owner?: string;
  emptyMessage: string;
}) {
  const { owner, emptyMessage } = props;
  const rejected = useMlops(
    api => api.getRejectedEntities(owner ? { owner } : {}),
    [owner],
  );
  if (rejected.error) return <ResponseErrorPanel error={rejected.error} />;
  if (!rejected.value) return <Progress />;
  if (rejected.value.items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {emptyMessage}
      </Typography>
    );
  }
  return (
    <RejectedEntityList entities={rejected.value.items} showOwner={!owner} />
  );
}

/**
 * The ML entities of the page's group (or other owner) that the catalog
 * rejected, with the problems it recorded and where they are: what an owner
 * would otherwise find only in the backend's log.
 */
export function RejectedEntitiesCard(props: MlopsCardProps) {
  const { entity } = useEntity();
  return (
    <MlopsInfoCard
      title="Rejected ML entities"
      testId="mlops-rejected-entities"
      subheader="Use cases, models and monitors whose YAML the catalog did not accept, and what to fix"
      variant={props.variant}
    >
      <RejectedEntitiesBody
        owner={stringifyEntityRef(entity).toLocaleLowerCase('en-US')}
        emptyMessage="None is rejected: the catalog accepted the YAML of every ML use case, model and monitor this group owns."
      />
    </MlopsInfoCard>
  );
}

/**
 * The rejected ML entities across the organisation that the caller may see,
 * with their owners, for the `/mlops` page.
 */
export function RejectedEntitiesSection() {
  return (
    <MlopsInfoCard
      title="Rejected ML entities"
      testId="mlops-org-rejected-entities"
      subheader="Use cases, models and monitors whose YAML the catalog did not accept, by owner"
    >
      <RejectedEntitiesBody emptyMessage="None is rejected: the catalog accepted the YAML of every ML use case, model and monitor you may see." />
    </MlopsInfoCard>
  );
}
