import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  FrameworkStageId,
  isMLModelEntity,
  isMLUseCaseEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import { CriteriaCard } from './CriteriaCard';
import { DecisionHistory } from './DecisionHistory';
import { stageTitle } from './format';
import { GateSummaryCard } from './GateSummaryCard';
import { SignOffPanel } from './SignOffPanel';
import { gateOf, useGates } from './useGates';

/** Props of a stage-gate tab. @public */
export interface StageGateContentProps {
  /** The framework stage whose gate the tab shows. */
  stage: FrameworkStageId;
}

/**
 * The tab of one framework stage's gate on an MLUseCase or MLModel page: its
 * state, its criteria, who signs off, the sign-off panel and the history.
 */
export function StageGateContent(props: StageGateContentProps) {
  const { stage } = props;
  const { entity } = useEntity();
  const gated = isMLUseCaseEntity(entity) || isMLModelEntity(entity);
  const entityRef = stringifyEntityRef(entity);
  const gates = useGates(entityRef);

  if (!gated) {
    return (
      <WarningPanel
        defaultExpanded
        title="Stage gates apply to MLUseCase and MLModel entities only"
        message={`This entity is a ${entity.kind}. Show the stage-gate tabs only for use cases and models.`}
      />
    );
  }
  if (gates.error) return <ResponseErrorPanel error={gates.error} />;
  if (!gates.value) return <Progress />;
  const gate = gateOf(gates.value, stage);
  if (!gate) {
    return (
      <EmptyState
        missing="data"
        title={`No gate for ${stageTitle(stage)}`}
        description="The backend has no gate for this stage of this entity."
      />
    );
  }
  const { currentStage, complete } = gates.value;
  let where = `The entity is in ${stageTitle(currentStage)}.`;
  if (complete)
    where = 'All three gates are approved: the entity has passed every stage.';
  else if (currentStage === stage) where = 'The entity is in this stage now.';
  return (
    <Grid container spacing={3} data-testid={`mlops-gate-${stage}`}>
      <Grid item xs={12}>
        {/* On the page's background the secondary colour is below 4.5:1. */}
        <Typography variant="body2">{where}</Typography>
      </Grid>
      <Grid item xs={12} md={5} lg={4}>
        <GateSummaryCard gate={gate} />
        <Box marginTop={3}>
          <SignOffPanel
            entityRef={entityRef}
            gate={gate}
            waitingFor={gates.value.stages.find(
              s => s.number < gate.number && s.state !== 'approved',
            )}
            onDecided={gates.replaceGate}
            onReload={gates.retry}
          />
        </Box>
      </Grid>
      <Grid item xs={12} md={7} lg={8}>
        <CriteriaCard
          entityRef={entityRef}
          gate={gate}
          onAttested={gates.replaceGate}
        />
      </Grid>
      <Grid item xs={12}>
        <DecisionHistory entityRef={entityRef} gate={gate} />
      </Grid>
    </Grid>
  );
}
