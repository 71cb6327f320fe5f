import { useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { mlopsApiRef } from '../api';
import { refusalOf, Refusal } from './failures';
import { isHttpUrl, MlopsInfoCard } from '../components/shared';
import { stageTitle } from './format';
import {
  GATE_DECISION_LABELS,
  GATE_STATE_LABELS,
  GateDecision,
} from '@mlightenment/backstage-plugin-mlops-common';
import { DECISION_STATES } from './decisionStates';
import type { GateView } from '@mlightenment/backstage-plugin-mlops-common';

/** The decisions in the order of the buttons, the positive one first. */
const DECISIONS: GateDecision[] = ['approve', 'request-changes', 'reject'];

/** Who may sign off, in words: "Sponsor or Owner". */
function signersText(gate: GateView): string {
  return gate.signOff.map(s => s.label).join(' or ') || 'nobody';
}

function RefusalMessage(props: {
  refusal: Refusal;
  revision: number;
  onReload(): void;
}) {
  const { refusal } = props;
  if (refusal.kind === 'stale') {
    return (
      <WarningPanel
        severity="warning"
        defaultExpanded
        title="This gate changed since you loaded it"
        message={`Someone recorded a decision or an attestation, or an approval was invalidated, after you loaded revision ${props.revision}. Nothing was recorded. Reload to see the gate as it is now, then decide again; your comment is kept.`}
      >
        <Button
          variant="outlined"
          startIcon={<RefreshIcon />}
          onClick={props.onReload}
        >
          Reload the gate
        </Button>
      </WarningPanel>
    );
  }
  if (refusal.kind === 'forbidden') {
    return (
      <WarningPanel
        severity="error"
        defaultExpanded
        title="You may not sign off this gate"
        message="The backend refused the decision: you are not one of the people allowed to sign off this gate. Nothing was recorded."
      />
    );
  }
  return (
    <WarningPanel
      severity="error"
      defaultExpanded
      title="The decision was not recorded"
      message={refusal.message}
    />
  );
}

/**
 * Approve, request changes or reject a gate, each with a required comment
 * and an optional evidence link, sent with the revision the page loaded so
 * that a decision on a stale view is refused rather than recorded.
 */
export function SignOffPanel(props: {
  entityRef: string;
  gate: GateView;
  /** An earlier gate that is not approved yet, which keeps this one closed. */
  waitingFor?: GateView;
  onDecided(view: GateView): void;
  onReload(): void;
}) {
  const { entityRef, gate, waitingFor, onDecided, onReload } = props;
  const api = useApi(mlopsApiRef);
  const [comment, setComment] = useState('');
  const [evidenceUrl, setEvidenceUrl] = useState('');
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState<GateDecision>();
  const [refusal, setRefusal] = useState<Refusal>();
  const [recorded, setRecorded] = useState<string>();
  const id = useId();
  // A person who may sign for several sign-offs (say, the sponsor who is
  // also in the owning group) chooses which one this decision is for;
  // preselected is the first one still without a decision.
  const yours = gate.signOff.filter(s => s.yours);
  const [chosenRole, setRole] = useState<string>();
  const role =
    chosenRole && yours.some(s => s.id === chosenRole)
      ? chosenRole
      : (yours.find(s => !s.decision) ?? yours[0])?.id;

  const commentError = touched && !comment.trim();
  const evidenceError =
    evidenceUrl.trim() !== '' && !isHttpUrl(evidenceUrl.trim());
  const disabled = !gate.canDecide || sending !== undefined;
  // A hint under a field that cannot be used would be greyed out below
  // 4.5:1 and says nothing to someone who may not decide.
  const canDecideHint = (hint: string) => (gate.canDecide ? hint : undefined);
  // The backend approves only a gate whose criteria are all met.
  const notReady = gate.state === 'not-started';

  const decide = async (decision: GateDecision) => {
    setTouched(true);
    setRecorded(undefined);
    if (!comment.trim() || evidenceError) return;
    setSending(decision);
    setRefusal(undefined);
    try {
      const view = await api.decideGate(entityRef, gate.stage, {
        decision,
        comment: comment.trim(),
        ...(evidenceUrl.trim() ? { evidenceUrl: evidenceUrl.trim() } : {}),
        revision: gate.revision,
        ...(yours.length > 1 && role ? { role } : {}),
      });
      setComment('');
      setEvidenceUrl('');
      setTouched(false);
      setRecorded(
        `Recorded: ${
          GATE_STATE_LABELS[DECISION_STATES[decision]]
        }. The gate is now ${GATE_STATE_LABELS[view.state].toLocaleLowerCase(
          'en-GB',
        )}.`,
      );
      onDecided(view);
    } catch (error) {
      setRefusal(refusalOf(error));
    } finally {
      setSending(undefined);
    }
  };

  return (
    <MlopsInfoCard
      title="Sign off"
      testId="mlops-gate-sign-off-panel"
      subheader="Approve, request changes or reject, with a comment"
    >
      {!gate.canDecide && (
        <Box marginBottom={2}>
          <Typography variant="body2" data-testid="mlops-gate-cannot-decide">
            {waitingFor ? (
              <>
                <strong>Not open for sign-off yet.</strong> This gate can be
                decided once {stageTitle(waitingFor.stage)} is approved.
              </>
            ) : (
              <>
                <strong>You may not sign off this gate.</strong> Only the people
                listed under “Who signs off” ({signersText(gate)}) can record a
                decision here.
              </>
            )}
          </Typography>
        </Box>
      )}
      {gate.canDecide && yours.length > 1 && (
        <FormControl component="fieldset" margin="dense">
          <FormLabel component="legend">Sign as</FormLabel>
          <RadioGroup
            row
            name={`${id}-role`}
            value={role ?? ''}
            onChange={e => setRole(e.target.value)}
          >
            {yours.map(s => (
              <FormControlLabel
                key={s.id}
                value={s.id}
                disabled={disabled}
                control={<Radio color="primary" />}
                label={
                  s.decision
                    ? `${s.label} (${GATE_STATE_LABELS[
                        DECISION_STATES[s.decision.decision]
                      ].toLocaleLowerCase('en-GB')} already)`
                    : s.label
                }
              />
            ))}
          </RadioGroup>
        </FormControl>
      )}
      <TextField
        id={`${id}-comment`}
        label="Comment"
        required
        multiline
        minRows={3}
        fullWidth
        variant="outlined"
        margin="dense"
        value={comment}
        disabled={disabled}
        onChange={e => setComment(e.target.value)}
        error={commentError}
        helperText={
          commentError
            ? 'A comment is required: say why you decide this way.'
            : canDecideHint(
                'Why you decide this way; it is kept in the audit trail.',
              )
        }
      />
      <TextField
        id={`${id}-evidence`}
        label="Evidence link (optional)"
        fullWidth
        variant="outlined"
        margin="dense"
        type="url"
        value={evidenceUrl}
        disabled={disabled}
        onChange={e => setEvidenceUrl(e.target.value)}
        error={evidenceError}
        helperText={
          evidenceError
            ? 'The evidence link must be an http or https address.'
            : canDecideHint('A review document, a test report or a ticket.')
        }
      />
      {gate.canDecide && notReady && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="mlops-gate-not-ready"
        >
          Approval opens once every criterion is met; you can still request
          changes or reject.
        </Typography>
      )}
      <Box display="flex" flexWrap="wrap" marginTop={1} style={{ gap: 8 }}>
        {DECISIONS.map(decision => (
          <Button
            key={decision}
            variant={decision === 'approve' ? 'contained' : 'outlined'}
            color={decision === 'approve' ? 'primary' : 'default'}
            disabled={disabled || (decision === 'approve' && notReady)}
            onClick={() => decide(decision)}
          >
            {GATE_DECISION_LABELS[decision]}
            {sending === decision && '…'}
          </Button>
        ))}
      </Box>
      <Box role="status" marginTop={recorded || refusal ? 2 : 0}>
        {recorded && <Typography variant="body2">{recorded}</Typography>}
        {refusal && (
          <RefusalMessage
            refusal={refusal}
            revision={gate.revision}
            onReload={() => {
              setRefusal(undefined);
              onReload();
            }}
          />
        )}
      </Box>
    </MlopsInfoCard>
  );
}
