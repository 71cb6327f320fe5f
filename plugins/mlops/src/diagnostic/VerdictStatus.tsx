import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HelpIcon from '@material-ui/icons/Help';
import type { DiagnosticVerdict } from '@mlightenment/backstage-plugin-mlops-common';
import { VERDICT_TEXT } from './format';

const ICONS = {
  'strong-indicator': ErrorIcon,
  'some-indication': WarningIcon,
  'not-indicated': CheckCircleIcon,
  unknown: HelpIcon,
} as const;

/**
 * A verdict as an icon of its own shape and its words, so that colour is
 * never the only signal.
 */
export function VerdictStatus(props: {
  verdict: DiagnosticVerdict;
  prefix?: string;
}) {
  const theme = useTheme();
  const { verdict, prefix } = props;
  const Icon = ICONS[verdict];
  const colour = {
    'strong-indicator': theme.palette.error.main,
    'some-indication': theme.palette.warning.main,
    'not-indicated': theme.palette.success.main,
    unknown: theme.palette.text.secondary,
  }[verdict];
  return (
    <Box display="inline-flex" alignItems="center" style={{ gap: 6 }}>
      <Icon fontSize="small" style={{ color: colour }} aria-hidden />
      <Typography variant="body1" component="span">
        {prefix && (
          <Typography variant="body2" component="span">
            {prefix}{' '}
          </Typography>
        )}
        <strong>{VERDICT_TEXT[verdict]}</strong>
      </Typography>
    </Box>
  );
}
