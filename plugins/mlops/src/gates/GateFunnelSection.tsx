import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Progress,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  FRAMEWORK_STAGES,
  frameworkStage,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { GateFunnelKind } from '../api';
import {
  MlopsInfoCard,
  MlopsTableCard,
  formatDate,
} from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { daysSince, formatDays, stageTitle } from './format';
import type {
  GateFunnel,
  GateFunnelEntity,
} from '@mlightenment/backstage-plugin-mlops-common';

const KINDS: {
  kind: GateFunnelKind;
  text: string;
  singular: string;
  plural: string;
}[] = [
  {
    kind: 'MLUseCase',
    text: 'Use cases',
    singular: 'use case',
    plural: 'use cases',
  },
  { kind: 'MLModel', text: 'Models', singular: 'model', plural: 'models' },
];

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(14em, 2fr) minmax(6em, 3fr)',
    alignItems: 'center',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    padding: theme.spacing(1, 0),
  },
  track: {
    height: 16,
    backgroundColor: theme.palette.action.hover,
    borderRadius: 2,
  },
  bar: {
    height: '100%',
    minWidth: 2,
    backgroundColor: theme.palette.primary.main,
    borderRadius: 2,
  },
  facts: { gridColumn: '1 / -1' },
}));

/** A funnel step: how many reached it, how many are in it now, for how long. */
interface Step {
  key: string;
  title: string;
  reached: number;
  current?: number;
  medianDays?: number;
}

/**
 * The funnel's steps: each stage with how many entities reached it (are in
 * it or beyond), how many are in it now, and then those that passed all.
 */
export function funnelSteps(funnel: GateFunnel): Step[] {
  const steps: Step[] = funnel.stages.map((stage, i) => ({
    key: stage.stage,
    title: `Stage ${frameworkStage(stage.stage).number}: ${stage.title}`,
    reached:
      funnel.stages.slice(i).reduce((sum, s) => sum + s.count, 0) +
      funnel.complete,
    current: stage.count,
    medianDays: stage.medianDaysInStage,
  }));
  steps.push({
    key: 'complete',
    title: 'Every gate approved',
    reached: funnel.complete,
  });
  return steps;
}

function Funnel(props: {
  funnel: GateFunnel;
  singular: string;
  plural: string;
}) {
  const classes = useStyles();
  const steps = funnelSteps(props.funnel);
  const max = Math.max(1, steps[0]?.reached ?? 0);
  return (
    <ol
      aria-label={`Funnel of ${props.plural} by stage`}
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {steps.map(step => (
        <li key={step.key} className={classes.row}>
          <Typography variant="body2" component="span">
            <strong>{step.title}</strong>
          </Typography>
          <Box className={classes.track} aria-hidden>
            <Box
              className={classes.bar}
              style={{ width: `${(100 * step.reached) / max}%` }}
            />
          </Box>
          <Typography
            variant="body2"
            component="span"
            color="textSecondary"
            className={classes.facts}
          >
            {step.current === undefined
              ? `${step.reached} ${
                  step.reached === 1 ? props.singular : props.plural
                } passed all three gates`
              : `${step.reached} reached · ${step.current} in it now · ${
                  step.medianDays === undefined
                    ? 'no time measured yet'
                    : `median ${formatDays(step.medianDays)} in the stage`
                }`}
          </Typography>
        </li>
      ))}
    </ol>
  );
}

/**
 * Entities in the order of the time in their current stage, longest first;
 * those with no start (the first stage) after them. Copies, because the table
 * annotates its rows.
 */
export function longestInStageFirst(
  entities: GateFunnelEntity[],
): GateFunnelEntity[] {
  const time = (e: GateFunnelEntity) =>
    e.since ? Date.parse(e.since) : Infinity;
  return [...entities].sort((a, b) => time(a) - time(b)).map(e => ({ ...e }));
}

function daysCell(days: number | undefined) {
  return days === undefined ? '—' : String(Math.round(days * 10) / 10);
}

function entityColumns(): TableColumn<GateFunnelEntity>[] {
  return [
    {
      title: 'Entity',
      field: 'title',
      highlight: true,
      cellStyle: { minWidth: '12em' },
      render: row => <EntityRefLink entityRef={row.entityRef} />,
    },
    {
      title: 'Current stage',
      field: 'currentStage',
      // Wide enough that "operationalisation" never breaks inside the word.
      cellStyle: { minWidth: '13em' },
      render: row =>
        row.complete ? 'Every gate approved' : stageTitle(row.currentStage),
    },
    {
      title: 'Since',
      field: 'since',
      cellStyle: { whiteSpace: 'nowrap' },
      render: row =>
        row.since
          ? `${formatDate(row.since)} (${formatDays(daysSince(row.since))})`
          : '—',
    },
    {
      title: 'Days in stage 1 · 2 · 3',
      field: 'daysInStage',
      sorting: false,
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => (
        <span
          aria-label={FRAMEWORK_STAGES.map(
            stage =>
              `stage ${stage.number}: ${daysCell(row.daysInStage[stage.id])}`,
          ).join(', ')}
        >
          {FRAMEWORK_STAGES.map(stage =>
            daysCell(row.daysInStage[stage.id]),
          ).join(' · ')}
        </span>
      ),
    },
  ];
}

/**
 * Use cases or models by framework stage, for the organisation page: a
 * funnel of how many reached each stage, the median time spent in each, and
 * every entity with its current stage and since when.
 */
export function GateFunnelSection() {
  const [kind, setKind] = useState<GateFunnelKind>('MLUseCase');
  const funnel = useMlops(api => api.getGateFunnel(kind), [kind]);
  const { singular, plural } = KINDS.find(k => k.kind === kind)!;

  let body;
  if (funnel.error) body = <ResponseErrorPanel error={funnel.error} />;
  else if (!funnel.value || funnel.loading) body = <Progress />;
  else {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <Funnel funnel={funnel.value} singular={singular} plural={plural} />
        </Grid>
        <Grid item xs={12}>
          <MlopsTableCard<GateFunnelEntity>
            title={`${plural[0].toLocaleUpperCase('en-GB')}${plural.slice(
              1,
            )} by current stage`}
            testId="mlops-funnel-entities"
            columns={entityColumns()}
            rows={longestInStageFirst(funnel.value.entities)}
            emptyMessage={`No ${plural} are in a stage.`}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <MlopsInfoCard
      title="Stage funnel"
      testId="mlops-gate-funnel"
      subheader="How far use cases and models have come through the framework's stage gates"
    >
      <Box marginBottom={2}>
        <ButtonGroup size="small" aria-label="Kind" role="group">
          {KINDS.map(choice => {
            const chosen = choice.kind === kind;
            return (
              <Button
                key={choice.kind}
                aria-pressed={chosen}
                variant={chosen ? 'contained' : 'outlined'}
                color={chosen ? 'primary' : 'default'}
                onClick={() => setKind(choice.kind)}
              >
                {choice.text}
              </Button>
            );
          })}
        </ButtonGroup>
      </Box>
      {body}
    </MlopsInfoCard>
  );
}
