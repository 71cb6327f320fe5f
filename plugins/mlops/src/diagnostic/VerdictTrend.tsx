import { useTheme } from '@material-ui/core/styles';
import type {
  DiagnosticTrendPoint,
  DiagnosticVerdict,
} from '@mlightenment/backstage-plugin-mlops-common';
import { formatMonth, VERDICT_TEXT } from './format';

const WIDTH = 240;
const HEIGHT = 48;
const PAD = 6;

// Height of each verdict on the chart; unknown months leave a gap.
const RANK: Record<DiagnosticVerdict, number | undefined> = {
  'not-indicated': 0,
  'some-indication': 1,
  'strong-indicator': 2,
  unknown: undefined,
};

/** The trend in words: each run of months with the same verdict. */
export function describeTrend(trend: readonly DiagnosticTrendPoint[]): string {
  if (trend.length === 0) return 'No trend yet.';
  const runs: { from: string; to: string; verdict: DiagnosticVerdict }[] = [];
  for (const point of trend) {
    const last = runs[runs.length - 1];
    if (last && last.verdict === point.verdict) last.to = point.month;
    else
      runs.push({ from: point.month, to: point.month, verdict: point.verdict });
  }
  return `Verdict over the last ${trend.length} months: ${runs
    .map(
      run =>
        `${formatMonth(run.from)}${
          run.to !== run.from ? ` to ${formatMonth(run.to)}` : ''
        } ${VERDICT_TEXT[run.verdict].toLocaleLowerCase('en-GB')}`,
    )
    .join('; ')}.`;
}

/**
 * A question's verdict month by month as a small step chart (higher is a
 * stronger indication; unknown months are gaps), labelled with the same
 * trend in words.
 */
export function VerdictTrend(props: {
  trend: readonly DiagnosticTrendPoint[];
}) {
  const theme = useTheme();
  const { trend } = props;
  const label = describeTrend(trend);
  const x = (i: number) =>
    trend.length <= 1
      ? WIDTH / 2
      : PAD + (i / (trend.length - 1)) * (WIDTH - 2 * PAD);
  const y = (rank: number) => HEIGHT - PAD - (rank / 2) * (HEIGHT - 2 * PAD);
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
      {[0, 1, 2].map(rank => (
        <line
          key={rank}
          x1={0}
          x2={WIDTH}
          y1={y(rank)}
          y2={y(rank)}
          stroke={theme.palette.divider}
          strokeWidth={1}
        />
      ))}
      {trend.map((point, i) => {
        const rank = RANK[point.verdict];
        if (rank === undefined) {
          return (
            <circle
              key={point.month}
              cx={x(i)}
              cy={y(0)}
              r={2}
              fill="none"
              stroke={theme.palette.text.disabled}
            />
          );
        }
        const next = trend[i + 1] && RANK[trend[i + 1].verdict];
        return (
          <g key={point.month}>
            {next !== undefined && (
              <line
                x1={x(i)}
                x2={x(i + 1)}
                y1={y(rank)}
                y2={y(next)}
                stroke={theme.palette.primary.main}
                strokeWidth={1.5}
              />
            )}
            <circle
              cx={x(i)}
              cy={y(rank)}
              r={point.current ? 4 : 3}
              fill={theme.palette.primary.main}
            />
          </g>
        );
      })}
    </svg>
  );
}
