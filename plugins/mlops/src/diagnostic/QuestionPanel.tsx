import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  DiagnosticIndicator,
  DiagnosticQuestion,
  DiagnosticTeamAnswers,
} from '@mlightenment/backstage-plugin-mlops-common';
import { AnswerForm } from './AnswerForm';
import { EvidenceList } from './EvidenceList';
import { formatDate } from '../components/shared';
import {
  ANSWER_TEXT,
  formatBands,
  formatIndicatorValue,
  SIGNAL_TEXT,
  stageDocsUrl,
  VERDICT_MEANING,
} from './format';
import { VerdictStatus } from './VerdictStatus';
import { VerdictTrend } from './VerdictTrend';

function IndicatorRow(props: { indicator: DiagnosticIndicator }) {
  const { indicator } = props;
  const bands = formatBands(indicator);
  return (
    <TableRow>
      <TableCell component="th" scope="row">
        <Typography variant="body2">{indicator.label}</Typography>
        <details>
          <summary>
            <Typography variant="caption" component="span">
              How it is computed
            </Typography>
          </summary>
          <Typography variant="body2">
            {indicator.formula}
            {bands && ` Judged: ${bands}.`}
          </Typography>
        </details>
      </TableCell>
      <TableCell>
        {indicator.value === null ? (
          <Typography variant="body2">
            Unknown: {indicator.missing ?? 'no data to measure it by'}
          </Typography>
        ) : (
          formatIndicatorValue(indicator.value, indicator.unit)
        )}
      </TableCell>
      <TableCell>{SIGNAL_TEXT[indicator.signal]}</TableCell>
      <TableCell>
        <EvidenceList label={indicator.label} evidence={indicator.evidence} />
      </TableCell>
    </TableRow>
  );
}

/** The team's own answer beside the measured verdict. */
function TeamAnswer(props: { question: DiagnosticQuestion }) {
  const { answer } = props.question;
  if (!answer) {
    return (
      <Typography variant="body2">The team's answer: not given yet</Typography>
    );
  }
  return (
    <Box data-testid="mlops-diagnostic-team-answer">
      <Typography variant="body1">
        <Typography component="span" variant="body2">
          The team's answer:
        </Typography>{' '}
        <strong>{ANSWER_TEXT[answer.answer]}</strong>
      </Typography>
      {answer.comment && (
        <Typography variant="body2">“{answer.comment}”</Typography>
      )}
      <Typography variant="caption">
        by <EntityRefLink entityRef={answer.answeredBy} defaultKind="user" /> on{' '}
        {formatDate(answer.answeredAt)}
      </Typography>
    </Box>
  );
}

/**
 * One of the seven questions: the measured verdict in words with an icon
 * and the team's answer beside it, what is missing, each indicator with its
 * value, judgement, formula and evidence, the trend over twelve months, the
 * recommended next step, and the answer form for the team's members.
 */
export function QuestionPanel(props: {
  question: DiagnosticQuestion;
  number: number;
  /** The team, on a team's diagnostic. */
  teamRef?: string;
  canAnswer?: boolean;
  onAnswered(answers: DiagnosticTeamAnswers): void;
}) {
  const { question, number, teamRef, canAnswer, onAnswered } = props;
  const { nextStep } = question;
  return (
    <Box data-testid={`mlops-diagnostic-${question.id}`}>
      <InfoCard
        title={`${number}. ${question.title}`}
        titleTypographyProps={{ component: 'h3', variant: 'h5' }}
      >
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <VerdictStatus verdict={question.verdict} prefix="Measured:" />
            <Typography variant="body2">
              {VERDICT_MEANING[question.verdict]}
            </Typography>
            {question.missing.length > 0 && (
              <Box marginTop={1}>
                <Typography variant="body2">
                  {question.verdict === 'unknown'
                    ? 'Missing data:'
                    : 'Judged without:'}
                </Typography>
                <ul style={{ margin: 0 }}>
                  {question.missing.map(m => (
                    <li key={m}>
                      <Typography variant="body2">{m}</Typography>
                    </li>
                  ))}
                </ul>
              </Box>
            )}
          </Grid>
          {teamRef && (
            <Grid item xs={12} md={6}>
              <TeamAnswer question={question} />
            </Grid>
          )}
        </Grid>
        <Box marginTop={2} overflow="auto">
          <Table size="small" aria-label={`Indicators of question ${number}`}>
            <TableHead>
              <TableRow>
                <TableCell>Indicator</TableCell>
                <TableCell>Value</TableCell>
                <TableCell>Judgement</TableCell>
                <TableCell>Evidence</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {question.indicators.map(indicator => (
                <IndicatorRow key={indicator.id} indicator={indicator} />
              ))}
            </TableBody>
          </Table>
        </Box>
        <Grid container spacing={2} style={{ marginTop: 8 }}>
          <Grid item xs={12} md={5}>
            <Typography variant="subtitle2" component="h4">
              Trend over 12 months
            </Typography>
            <VerdictTrend trend={question.trend} />
          </Grid>
          <Grid item xs={12} md={7}>
            <Typography variant="subtitle2" component="h4">
              Next step
            </Typography>
            <Typography variant="body2">{nextStep.text}</Typography>
            <Typography variant="body2">
              <Link to={stageDocsUrl(nextStep.stage)} underline="always">
                Stage {nextStep.stageNumber}: {nextStep.stageTitle}
              </Link>{' '}
              · key step: {nextStep.keyStep}
            </Typography>
          </Grid>
        </Grid>
        {teamRef && (
          <Box marginTop={2}>
            {canAnswer === false ? (
              <Typography variant="body2">
                Members of the team's group, or of a group above it, may record
                the team's answer here.
              </Typography>
            ) : (
              <AnswerForm
                teamRef={teamRef}
                question={question.id}
                number={number}
                current={question.answer}
                onAnswered={onAnswered}
              />
            )}
          </Box>
        )}
      </InfoCard>
    </Box>
  );
}
