import Chip from '@material-ui/core/Chip';
import { useTheme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import ScheduleIcon from '@material-ui/icons/Schedule';
import WarningIcon from '@material-ui/icons/Warning';
import {
  kpiStatusLabels,
  KpiStatus,
} from '@mlightenment/backstage-plugin-mlops-common';

const ICONS: Record<KpiStatus, typeof CheckCircleIcon> = {
  'on-track': CheckCircleIcon,
  'at-risk': WarningIcon,
  'off-track': ErrorIcon,
  overdue: ScheduleIcon,
  'no-data': HelpOutlineIcon,
};

/**
 * A KPI status as a chip: an icon and the status word, so that the colour is
 * never the only signal.
 */
export function KpiStatusChip(props: { status: KpiStatus }) {
  const { status } = props;
  const theme = useTheme();
  const colour = {
    'on-track': theme.palette.success.main,
    'at-risk': theme.palette.warning.main,
    'off-track': theme.palette.error.main,
    overdue: theme.palette.warning.dark,
    'no-data': theme.palette.text.secondary,
  }[status];
  const Icon = ICONS[status];
  return (
    <Chip
      size="small"
      variant="outlined"
      data-testid="mlops-kpi-status"
      icon={<Icon style={{ color: colour }} aria-hidden />}
      label={kpiStatusLabels[status]}
      style={{ borderColor: colour }}
    />
  );
}
