import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isMLModelEntity } from '@mlightenment/backstage-plugin-mlops-common';
import { hasStatus } from '../api/errors';
import {
  MlopsInfoCard,
  Period,
  PeriodButtons,
  formatDate,
} from '../components/shared';
import { blockingRows, checkRows } from './checkRows';
import { NextLevelCard, StageSections } from './CheckSections';
import { formatLevel, formatScore } from './format';
import { useMlops } from '../hooks/useMlops';
import { MaturityLadder } from './MaturityLadder';
import { MlTestScoreCard } from './MlTestScoreCard';
import { NotEvaluated } from './NotEvaluated';
import { RefreshButton } from './RefreshButton';
import { CheckChanges, TrendChart } from './TrendChart';
import { useRefresh } from './useRefresh';
import type {
  EntityScorecard,
  MaturityLevelDefinition,
} from '@mlightenment/backstage-plugin-mlops-common';

/** Props of the "MLOps maturity" tab. @public */
export interface MaturityContentProps {
  /**
   * How often the backend evaluates entities, to tell people how long a new
   * entity waits for its first scorecard.
   */
  evaluationIntervalMinutes?: number;
}

function TrendCard(props: {
  entityRef: string;
  evaluatedAt: string;
  checkTitle(checkId: string): string;
}) {
  const [days, setDays] = useState<Period>(30);
  const history = useMlops(
    api => api.getScorecardHistory(props.entityRef, days),
    [props.entityRef, days, props.evaluatedAt],
  );
  let body;
  if (history.error) body = <ResponseErrorPanel error={history.error} />;
  else if (!history.value) body = <Progress />;
  else {
    body = (
      <>
        <TrendChart points={history.value.points} days={history.value.days} />
        <CheckChanges
          changes={history.value.changes}
          days={history.value.days}
          checkTitle={props.checkTitle}
        />
      </>
    );
  }
  return (
    <MlopsInfoCard title="Trend" testId="mlops-maturity-trend">
      <Box marginBottom={2}>
        <PeriodButtons value={days} onChange={setDays} />
      </Box>
      {body}
    </MlopsInfoCard>
  );
}

function ScorecardView(props: {
  entity: Entity;
  scorecard: EntityScorecard;
  levels: readonly MaturityLevelDefinition[];
  rows: ReturnType<typeof checkRows>;
  refresh: ReturnType<typeof useRefresh>;
}) {
  const { entity, scorecard, levels, rows, refresh } = props;
  return (
    <Grid container spacing={3} data-testid="mlops-maturity-content">
      <Grid item xs={12} md={4}>
        <MlopsInfoCard title="MLOps maturity" testId="mlops-maturity-summary">
          <Typography variant="h4" component="p">
            {formatLevel(scorecard.level, levels)}
          </Typography>
          <Typography variant="h6" component="p">
            Score {formatScore(scorecard.score)}
          </Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            Evaluated {formatDate(scorecard.evaluatedAt)}; last changed{' '}
            {formatDate(scorecard.changedAt)}.
          </Typography>
          <RefreshButton {...refresh} />
        </MlopsInfoCard>
        <Box marginTop={3}>
          <MlopsInfoCard title="Levels" testId="mlops-maturity-ladder">
            <MaturityLadder levels={levels} level={scorecard.level} />
          </MlopsInfoCard>
        </Box>
      </Grid>
      <Grid item xs={12} md={8}>
        <NextLevelCard
          scorecard={scorecard}
          levels={levels}
          blocking={blockingRows(scorecard, rows)}
        />
        <Box marginTop={3}>
          <TrendCard
            entityRef={scorecard.entityRef}
            evaluatedAt={scorecard.evaluatedAt}
            checkTitle={id =>
              rows.find(r => r.result.checkId === id)?.check?.title ?? id
            }
          />
        </Box>
      </Grid>
      <Grid item xs={12}>
        <StageSections rows={rows} />
      </Grid>
      {isMLModelEntity(entity) && (
        <Grid item xs={12}>
          <MlTestScoreCard model={entity} />
        </Grid>
      )}
    </Grid>
  );
}

/**
 * The "MLOps maturity" tab of an ML entity: its level on the ladder, its
 * score, what the next level needs, every check by framework stage, and the
 * trend.
 */
export function MaturityContent(props: MaturityContentProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const scorecard = useMlops(api => api.getScorecard(entityRef), [entityRef]);
  const rubric = useMlops(api => api.getRubric(), []);
  const refresh = useRefresh(entityRef, scorecard.setValue);

  if (scorecard.error && hasStatus(scorecard.error, 404)) {
    return (
      <NotEvaluated
        evaluationIntervalMinutes={props.evaluationIntervalMinutes}
        {...refresh}
      />
    );
  }
  const error = scorecard.error ?? rubric.error;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!scorecard.value || !rubric.value) return <Progress />;
  return (
    <ScorecardView
      entity={entity}
      scorecard={scorecard.value}
      levels={rubric.value.levels}
      rows={checkRows(scorecard.value, rubric.value)}
      refresh={refresh}
    />
  );
}
