import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  AdoptionDiagnostic,
  DiagnosticTeamAnswers,
} from '@mlightenment/backstage-plugin-mlops-common';
import { mlopsApiRef } from '../api';
import {
  formatDate,
  Period,
  PeriodButtons,
  ErrorText,
  saveBlob,
  useFocusRing,
} from '../components/shared';
import { useMlops } from '../hooks/useMlops';
import { DeliveryMetrics } from './DeliveryMetrics';
import { QuestionPanel } from './QuestionPanel';

function ExportButton(props: { teamRef?: string; days: Period }) {
  const api = useApi(mlopsApiRef);
  const [failure, setFailure] = useState<string>();
  const exportCsv = async () => {
    setFailure(undefined);
    try {
      const blob = await api.getDiagnosticCsv({
        team: props.teamRef,
        days: props.days,
      });
      const name = props.teamRef?.split('/').pop() ?? 'organisation';
      saveBlob(blob, `${name}-adoption-diagnostic-${props.days}-days.csv`);
    } catch (error) {
      setFailure(
        `Export failed: ${error instanceof Error ? error.message : error}`,
      );
    }
  };
  return (
    <Box>
      <Button variant="outlined" startIcon={<GetAppIcon />} onClick={exportCsv}>
        Export the diagnostic as CSV
      </Button>
      <Box role="status">{failure && <ErrorText>{failure}</ErrorText>}</Box>
    </Box>
  );
}

/** The diagnostic with the team's latest answers in place. */
function withAnswers(
  diagnostic: AdoptionDiagnostic,
  answers: DiagnosticTeamAnswers,
): AdoptionDiagnostic {
  return {
    ...diagnostic,
    questions: diagnostic.questions.map(question => ({
      ...question,
      answer:
        answers.answers.find(a => a.question === question.id) ??
        question.answer,
    })),
  };
}

/** The panels and delivery metrics of a loaded diagnostic. */
export function DiagnosticView(props: {
  diagnostic: AdoptionDiagnostic;
  onAnswered(answers: DiagnosticTeamAnswers): void;
}) {
  const { diagnostic, onAnswered } = props;
  const { counts } = diagnostic;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="body2">
          {diagnostic.scope === 'team'
            ? `${diagnostic.title} and its sub-teams`
            : diagnostic.title}
          : computed on {formatDate(diagnostic.generatedAt)} over the{' '}
          {counts.useCases} use cases, {counts.models} models, {counts.monitors}{' '}
          monitors and {counts.teams} teams you may read; the windowed
          indicators over the last {diagnostic.days} days.
        </Typography>
      </Grid>
      {diagnostic.questions.map((question, i) => (
        <Grid item xs={12} key={question.id}>
          <QuestionPanel
            question={question}
            number={i + 1}
            teamRef={
              diagnostic.scope === 'team' ? diagnostic.teamRef : undefined
            }
            canAnswer={diagnostic.canAnswer}
            onAnswered={onAnswered}
          />
        </Grid>
      ))}
      <Grid item xs={12}>
        <DeliveryMetrics diagnostic={diagnostic} />
      </Grid>
    </Grid>
  );
}

/**
 * The adoption diagnostic of the organisation, or of a team and its
 * sub-teams when `teamRef` is given: the framework's seven "do I need
 * MLOps?" questions answered from the portal's data, and the delivery
 * metrics of models, over 30, 90 or 365 days, with a CSV export.
 */
export function DiagnosticContent(props: { teamRef?: string }) {
  const { teamRef } = props;
  const [days, setDays] = useState<Period>(90);
  const focusRing = useFocusRing();
  const diagnostic = useMlops(
    api => api.getDiagnostic({ team: teamRef, days }),
    [teamRef, days],
  );

  let body;
  if (diagnostic.error) body = <ResponseErrorPanel error={diagnostic.error} />;
  else if (!diagnostic.value || diagnostic.loading) body = <Progress />;
  else {
    const value = diagnostic.value;
    body = (
      <DiagnosticView
        diagnostic={value}
        onAnswered={answers => diagnostic.setValue(withAnswers(value, answers))}
      />
    );
  }

  return (
    <Box
      component="section"
      aria-labelledby="mlops-diagnostic-heading"
      data-testid="mlops-diagnostic"
      className={focusRing.root}
    >
      <Typography variant="h4" component="h2" id="mlops-diagnostic-heading">
        Adoption diagnostic
      </Typography>
      <Typography variant="body2" paragraph>
        The framework's seven questions to know whether{' '}
        {teamRef ? 'a team' : 'an organisation'} needs MLOps, answered from the
        catalog, the scorecards, the gate audit trail, drift and KPI actuals.
      </Typography>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-start"
        marginBottom={2}
        style={{ gap: 16 }}
      >
        <PeriodButtons subject="Diagnostic" value={days} onChange={setDays} />
        <ExportButton teamRef={teamRef} days={days} />
      </Box>
      {body}
    </Box>
  );
}

/**
 * Tab content titled "MLOps diagnostic" for Group pages: the adoption
 * diagnostic of the group and its sub-teams, with the team's own answers.
 */
export function EntityDiagnosticContent() {
  const { entity } = useEntity();
  return <DiagnosticContent teamRef={stringifyEntityRef(entity)} />;
}
