import { useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { StatusOK, StatusPending } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { mlopsApiRef } from '../api';
import {
  ErrorText,
  isHttpUrl,
  MlopsInfoCard,
  formatDateTime,
  Status,
  CHECK_OUTCOME_STATUS,
} from '../components/shared';
import { refusalOf } from './failures';
import type {
  GateCriterion,
  GateView,
} from '@mlightenment/backstage-plugin-mlops-common';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) max-content',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    alignItems: 'start',
    padding: theme.spacing(1.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  detail: { gridColumn: '1 / -1', overflowWrap: 'anywhere' },
}));

/** The words for a refused attestation. */
function attestFailure(error: unknown): string {
  const refusal = refusalOf(error);
  if (refusal.kind === 'stale') {
    return 'This gate changed since you loaded it; nothing was recorded. Reload the page, then attest again.';
  }
  if (refusal.kind === 'forbidden') {
    return 'You may not attest criteria of this gate; nothing was recorded.';
  }
  return `The attestation was not recorded: ${refusal.message}`;
}

function AttestForm(props: {
  entityRef: string;
  gate: GateView;
  criterion: GateCriterion;
  onAttested(view: GateView): void;
  onCancel(): void;
}) {
  const { entityRef, gate, criterion } = props;
  const api = useApi(mlopsApiRef);
  const [evidenceUrl, setEvidenceUrl] = useState('');
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string>();
  const id = useId();

  const evidenceError = touched && !isHttpUrl(evidenceUrl.trim());
  const commentError = touched && !comment.trim();

  const submit = async () => {
    setTouched(true);
    if (!isHttpUrl(evidenceUrl.trim()) || !comment.trim()) return;
    setSending(true);
    setFailure(undefined);
    try {
      props.onAttested(
        await api.attestGateCriterion(entityRef, gate.stage, {
          criterion: criterion.id,
          evidenceUrl: evidenceUrl.trim(),
          comment: comment.trim(),
          revision: gate.revision,
        }),
      );
    } catch (error) {
      setFailure(attestFailure(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      aria-label={`Attest ${criterion.title}`}
      style={{ marginTop: 8 }}
      // Checked here, with messages that say what is missing.
      noValidate
      onSubmit={e => {
        e.preventDefault();
        submit();
      }}
    >
      <TextField
        id={`${id}-evidence`}
        label="Evidence link"
        required
        fullWidth
        variant="outlined"
        margin="dense"
        type="url"
        value={evidenceUrl}
        onChange={e => setEvidenceUrl(e.target.value)}
        error={evidenceError}
        helperText={
          evidenceError
            ? 'An http or https address of the evidence is required.'
            : 'Where the evidence is: a document, a notebook, a report.'
        }
      />
      <TextField
        id={`${id}-comment`}
        label="Comment"
        required
        fullWidth
        multiline
        minRows={2}
        variant="outlined"
        margin="dense"
        value={comment}
        onChange={e => setComment(e.target.value)}
        error={commentError}
        helperText={
          commentError ? 'A comment is required.' : 'What the evidence shows.'
        }
      />
      <Box display="flex" style={{ gap: 8 }} marginTop={1}>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={sending}
        >
          {sending ? 'Recording…' : 'Record attestation'}
        </Button>
        <Button onClick={props.onCancel} disabled={sending}>
          Cancel
        </Button>
      </Box>
      <Box role="status" marginTop={failure ? 1 : 0}>
        {failure && <ErrorText>{failure}</ErrorText>}
      </Box>
    </form>
  );
}

function Attestation(props: {
  attestation: NonNullable<GateCriterion['attestation']>;
}) {
  const { by, at, evidenceUrl, comment } = props.attestation;
  return (
    <Typography variant="body2" color="textSecondary" component="div">
      Attested by{' '}
      <EntityRefLink entityRef={by} defaultKind="user" underline="always" /> on{' '}
      {formatDateTime(at)}: {comment}{' '}
      <Link
        href={evidenceUrl}
        target="_blank"
        rel="noopener noreferrer"
        underline="always"
      >
        Evidence
      </Link>
    </Typography>
  );
}

/**
 * "Attest" or "Attest again", named for its criterion; the name begins with
 * the label a person sees, so that speech input finds it by what it says.
 */
function AttestButton(props: { criterion: GateCriterion; onClick(): void }) {
  const { criterion } = props;
  const label = criterion.attestation ? 'Attest again' : 'Attest';
  return (
    <Button
      size="small"
      color="primary"
      aria-label={`${label}: ${criterion.title}`}
      onClick={props.onClick}
    >
      {label}
    </Button>
  );
}

function CriterionState(props: { criterion: GateCriterion }) {
  const { criterion } = props;
  if (criterion.source === 'check') {
    return (
      <Status
        of={CHECK_OUTCOME_STATUS}
        value={criterion.outcome ?? 'not-reported'}
      />
    );
  }
  return criterion.attestation ? (
    <StatusOK>Attested</StatusOK>
  ) : (
    <StatusPending>Not attested</StatusPending>
  );
}

/**
 * The gate's criteria, the stage's key steps: each with its state, a check's
 * outcome or who attested it with what evidence, and a way to attest the
 * ones a person vouches for.
 */
export function CriteriaCard(props: {
  entityRef: string;
  gate: GateView;
  onAttested(view: GateView): void;
}) {
  const { entityRef, gate } = props;
  const classes = useStyles();
  const [attesting, setAttesting] = useState<string>();
  return (
    <MlopsInfoCard
      title="Criteria"
      testId="mlops-gate-criteria"
      subheader="The stage's key steps: checked by the rubric where the portal knows, attested with evidence where it does not."
    >
      {gate.criteria.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          This gate has no criteria.
        </Typography>
      ) : (
        <ul className={classes.list} aria-label="Gate criteria">
          {gate.criteria.map(criterion => (
            <li key={criterion.id} className={classes.item}>
              <Box>
                <Typography variant="subtitle2" component="h3">
                  {criterion.title}
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {criterion.source === 'check'
                    ? `Checked by the rubric${
                        criterion.checkId ? ` (${criterion.checkId})` : ''
                      }`
                    : 'Attested by a person with evidence'}
                </Typography>
                {criterion.reason && (
                  <Typography variant="body2">{criterion.reason}</Typography>
                )}
              </Box>
              <CriterionState criterion={criterion} />
              {criterion.source === 'attestation' && (
                <Box className={classes.detail}>
                  {criterion.attestation && (
                    <Attestation attestation={criterion.attestation} />
                  )}
                  {attesting === criterion.id ? (
                    <AttestForm
                      entityRef={entityRef}
                      gate={gate}
                      criterion={criterion}
                      onCancel={() => setAttesting(undefined)}
                      onAttested={view => {
                        setAttesting(undefined);
                        props.onAttested(view);
                      }}
                    />
                  ) : (
                    // Attesting needs the same right as deciding.
                    gate.canDecide && (
                      <AttestButton
                        criterion={criterion}
                        onClick={() => setAttesting(criterion.id)}
                      />
                    )
                  )}
                </Box>
              )}
            </li>
          ))}
        </ul>
      )}
    </MlopsInfoCard>
  );
}
