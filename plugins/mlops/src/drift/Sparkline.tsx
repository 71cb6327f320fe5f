import { useTheme } from '@material-ui/core/styles';
import type { DriftThresholds } from '@mlightenment/backstage-plugin-mlops-common';
import { formatValue, thresholdLines } from '../components/shared';

const WIDTH = 96;
const HEIGHT = 24;
const PAD = 3;

/**
 * A feature's recent values as a line, with its alert threshold dashed (both
 * bounds of a band), so that the table shows whether a value is a spike or a
 * trend. The label says the same in words.
 */
export function Sparkline(props: {
  feature: string;
  values: readonly { at: string; value: number }[];
  thresholds: DriftThresholds;
}) {
  const theme = useTheme();
  const { feature, values, thresholds } = props;
  if (values.length === 0) return null;
  const numbers = values.map(v => v.value);
  const alerts = thresholdLines(thresholds)
    .filter(line => line.level === 'alert')
    .map(line => line.value);
  const low = Math.min(...numbers, ...alerts);
  const high = Math.max(...numbers, ...alerts);
  const y = (v: number) =>
    HEIGHT - PAD - ((v - low) / (high - low || 1)) * (HEIGHT - 2 * PAD);
  const x = (i: number) =>
    values.length === 1
      ? WIDTH / 2
      : PAD + (i / (values.length - 1)) * (WIDTH - 2 * PAD);
  const path = numbers
    .map(
      (v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`,
    )
    .join(' ');
  const last = numbers[numbers.length - 1];
  const label = `${feature}, last ${values.length} values: from ${formatValue(
    numbers[0],
  )} to ${formatValue(last)}, lowest ${formatValue(
    Math.min(...numbers),
  )}, highest ${formatValue(Math.max(...numbers))}`;
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      style={{ display: 'block' }}
    >
      <title>{label}</title>
      {alerts.map(alert => (
        <line
          key={alert}
          x1={0}
          x2={WIDTH}
          y1={y(alert)}
          y2={y(alert)}
          stroke={theme.palette.error.main}
          strokeWidth={1}
          strokeDasharray="3 2"
        />
      ))}
      <path
        d={path}
        fill="none"
        stroke={theme.palette.text.primary}
        strokeWidth={1.5}
      />
      <circle
        cx={x(numbers.length - 1)}
        cy={y(last)}
        r={2.5}
        fill={theme.palette.text.primary}
      />
    </svg>
  );
}
