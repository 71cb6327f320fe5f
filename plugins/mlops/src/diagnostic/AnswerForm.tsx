import { FormEvent, useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DiagnosticAnswer,
  DiagnosticAnswerValue,
  DiagnosticQuestionId,
  DiagnosticTeamAnswers,
} from '@mlightenment/backstage-plugin-mlops-common';
import { mlopsApiRef } from '../api';
import { ErrorText } from '../components/shared';
import { ANSWER_TEXT } from './format';

/** Why an answer was refused, in words. */
function refusal(error: unknown): string {
  if (ResponseError.is(error)) {
    const message = error.body.error.message;
    if (error.response.status === 403) {
      return `You may not answer for this team: only members of the team's group, or of a group above it, may record its answers. (${message})`;
    }
    return `The answer was not recorded: ${message}`;
  }
  return `The answer was not recorded: ${
    error instanceof Error ? error.message : String(error)
  }`;
}

/**
 * The team's own answer to a question: yes, partly or no, with a comment.
 * On success the team's latest answers go to `onAnswered`; a refusal (a
 * 403 for someone outside the team) is shown in words.
 */
export function AnswerForm(props: {
  teamRef: string;
  question: DiagnosticQuestionId;
  /** The question's number, which tells its form from the six others. */
  number: number;
  current?: DiagnosticAnswer;
  onAnswered(answers: DiagnosticTeamAnswers): void;
}) {
  const { teamRef, question, number, current, onAnswered } = props;
  const api = useApi(mlopsApiRef);
  const commentId = useId();
  const [answer, setAnswer] = useState<DiagnosticAnswerValue | ''>(
    current?.answer ?? '',
  );
  const [comment, setComment] = useState(current?.comment ?? '');
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string }>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!answer) return;
    setSaving(true);
    setMessage(undefined);
    try {
      const answers = await api.recordDiagnosticAnswer(teamRef, {
        question,
        answer,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setMessage({ error: false, text: "The team's answer was recorded." });
      onAnswered(answers);
    } catch (error) {
      setMessage({ error: true, text: refusal(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      aria-label={`The team's answer to question ${number}`}
    >
      <FormControl component="fieldset">
        <FormLabel component="legend">The team's answer</FormLabel>
        <RadioGroup
          row
          name={`answer-${question}`}
          value={answer}
          onChange={e => setAnswer(e.target.value as DiagnosticAnswerValue)}
        >
          {(['yes', 'partly', 'no'] as const).map(value => (
            <FormControlLabel
              key={value}
              value={value}
              control={<Radio color="primary" />}
              label={ANSWER_TEXT[value]}
            />
          ))}
        </RadioGroup>
      </FormControl>
      <TextField
        id={commentId}
        label="Comment"
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        variant="outlined"
        value={comment}
        onChange={e => setComment(e.target.value)}
      />
      <Box marginTop={1}>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={!answer || saving}
        >
          Record the team's answer
        </Button>
      </Box>
      <Box role="status" marginTop={1}>
        {message && !message.error && (
          <Typography variant="body2">{message.text}</Typography>
        )}
      </Box>
      {message?.error && <ErrorText role="alert">{message.text}</ErrorText>}
    </form>
  );
}
