import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  MlopsCardProps,
  MlopsInfoCard,
  formatDateTime,
  Status,
  DRIFT_STATE_STATUS,
} from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { sortBySeverity } from './format';

/** The drift state of each model of a use case, the most severe first. */
export function UseCaseDriftCard(props: MlopsCardProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const health = useMlops(api => api.getDriftHealth(entityRef), [entityRef]);

  let body;
  if (health.error) body = <ResponseErrorPanel error={health.error} />;
  else if (!health.value) body = <Progress />;
  else {
    const models = health.value.models ?? [];
    body =
      models.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No model implements this use case yet.
        </Typography>
      ) : (
        <>
          <Box
            display="flex"
            alignItems="baseline"
            flexWrap="wrap"
            style={{ gap: 16 }}
          >
            <Typography
              variant="h5"
              component="p"
              data-testid="mlops-drift-state"
            >
              <Status of={DRIFT_STATE_STATUS} value={health.value.state} />
            </Typography>
            {health.value.evaluatedAt && (
              <Typography variant="body2" color="textSecondary">
                Last evaluated {formatDateTime(health.value.evaluatedAt)}
              </Typography>
            )}
          </Box>
          <List dense aria-label="Models by drift state">
            {sortBySeverity(
              models.map(m => ({ ...m, name: m.title ?? m.entityRef })),
            ).map(model => (
              <ListItem key={model.entityRef} disableGutters>
                <Box
                  display="flex"
                  flexWrap="wrap"
                  alignItems="center"
                  style={{ columnGap: 12 }}
                >
                  <EntityRefLink
                    entityRef={model.entityRef}
                    title={model.title}
                  />
                  {/* The state moves under a long title, never breaks. */}
                  <span style={{ whiteSpace: 'nowrap' }}>
                    <Status of={DRIFT_STATE_STATUS} value={model.state} />
                  </span>
                </Box>
              </ListItem>
            ))}
          </List>
        </>
      );
  }
  return (
    <MlopsInfoCard
      title="Drift health"
      testId="mlops-use-case-drift-card"
      variant={props.variant}
    >
      {body}
    </MlopsInfoCard>
  );
}
