import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import ScheduleIcon from '@material-ui/icons/Schedule';
import WarningIcon from '@material-ui/icons/Warning';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';

/**
 * How a status reads at a glance. Each tone has an icon of its own shape, and
 * the status's word always stands beside it, so that colour is never the only
 * signal.
 */
export type StatusTone =
  | 'ok'
  | 'warning'
  | 'error'
  | 'pending'
  | 'aborted'
  | 'neutral';

/**
 * A vocabulary of statuses as the page shows them: the word for each (from
 * the common package's labels) and its tone.
 */
export interface StatusVocabulary<T extends string> {
  labels: Readonly<Record<T, string>>;
  tones: Readonly<Record<T, StatusTone>>;
  /** The test id every status of the vocabulary carries. */
  testId?: string;
}

const LABELS = {
  ok: StatusOK,
  warning: StatusWarning,
  error: StatusError,
  pending: StatusPending,
  aborted: StatusAborted,
} as const;

// A chip draws filled icons in the colour of its outline.
const CHIPS: Record<
  StatusTone,
  { Icon: typeof CheckCircleIcon; colour: (theme: Theme) => string }
> = {
  ok: { Icon: CheckCircleIcon, colour: t => t.palette.success.main },
  warning: { Icon: WarningIcon, colour: t => t.palette.warning.main },
  error: { Icon: ErrorIcon, colour: t => t.palette.error.main },
  pending: { Icon: ScheduleIcon, colour: t => t.palette.warning.dark },
  aborted: { Icon: HelpOutlineIcon, colour: t => t.palette.text.secondary },
  neutral: { Icon: HelpOutlineIcon, colour: t => t.palette.text.secondary },
};

/**
 * A status of a vocabulary as an icon and its word: a label (Backstage's
 * status icons) in text and tables, or a chip where it stands beside a name.
 */
export function Status<T extends string>(props: {
  of: StatusVocabulary<T>;
  value: T;
  variant?: 'label' | 'chip';
}) {
  const { of, value, variant = 'label' } = props;
  const theme = useTheme();
  const label = of.labels[value] ?? value;
  const tone: StatusTone = of.tones[value] ?? 'neutral';
  if (variant === 'chip') {
    const { Icon, colour } = CHIPS[tone];
    return (
      <Chip
        size="small"
        variant="outlined"
        data-testid={of.testId}
        icon={<Icon style={{ color: colour(theme) }} aria-hidden />}
        label={label}
        style={{ borderColor: colour(theme) }}
      />
    );
  }
  if (tone === 'neutral') {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        component="span"
        data-testid={of.testId}
      >
        {label}
      </Typography>
    );
  }
  const Label = LABELS[tone];
  // Backstage's status labels hide themselves, word included, from screen
  // readers (aria-hidden, with a generic aria-label): here the word is the
  // status, so it is read.
  return (
    <Label data-testid={of.testId} aria-hidden={false} aria-label={undefined}>
      {label}
    </Label>
  );
}
