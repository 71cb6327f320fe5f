import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { CHECK_OUTCOME_LABELS } from '@mlightenment/backstage-plugin-mlops-common';
import { formatDate } from '../components/shared';
import { trendSentences } from './trend';
import type {
  CheckChange,
  MaturityHistoryPoint,
} from '@mlightenment/backstage-plugin-mlops-common';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 56, right: 56, top: 16, bottom: 40 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Level (a step line, solid, left axis 0–4) and score (a dashed line, right
 * axis 0–100) over the period. The lines differ by dash, not only colour, and
 * the chart's label carries the same sentences as the text beside it.
 */
export function TrendChart(props: {
  points: readonly MaturityHistoryPoint[];
  days: number;
  /** The end of the period; now unless given. */
  end?: Date;
}) {
  const theme = useTheme();
  const { points, days } = props;
  const endMs = Math.max(
    (props.end ?? new Date()).getTime(),
    ...points.map(p => Date.parse(p.at)),
  );
  const startMs = Math.min(
    endMs - days * DAY_MS,
    ...points.map(p => Date.parse(p.at)),
  );
  const x = (ms: number) =>
    PAD.left + ((ms - startMs) / (endMs - startMs || 1)) * PLOT_W;
  const yLevel = (level: number) => PAD.top + PLOT_H - (level / 4) * PLOT_H;
  const yScore = (score: number) => PAD.top + PLOT_H - (score / 100) * PLOT_H;

  // Each state holds until the next change, and the last one until the end.
  let levelPath = '';
  let scorePath = '';
  points.forEach((p, i) => {
    const px = x(Date.parse(p.at));
    if (i === 0) {
      levelPath = `M${px},${yLevel(p.level)}`;
      scorePath = `M${px},${yScore(p.score)}`;
    } else {
      levelPath += ` H${px} V${yLevel(p.level)}`;
      scorePath += ` H${px} V${yScore(p.score)}`;
    }
  });
  if (points.length > 0) {
    levelPath += ` H${x(endMs)}`;
    scorePath += ` H${x(endMs)}`;
  }

  const sentences = trendSentences(points, days);
  const text = theme.palette.text.secondary;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`Level and score over the last ${days} days. ${sentences.join(
          ' ',
        )}`}
        style={{ maxWidth: WIDTH, fontFamily: theme.typography.fontFamily }}
      >
        {[0, 1, 2, 3, 4].map(level => (
          <g key={level}>
            <line
              x1={PAD.left}
              x2={PAD.left + PLOT_W}
              y1={yLevel(level)}
              y2={yLevel(level)}
              stroke={theme.palette.divider}
            />
            <text
              x={PAD.left - 8}
              y={yLevel(level) + 4}
              textAnchor="end"
              fontSize={11}
              fill={text}
            >
              {level}
            </text>
            <text
              x={PAD.left + PLOT_W + 8}
              y={yLevel(level) + 4}
              fontSize={11}
              fill={text}
            >
              {level * 25}
            </text>
          </g>
        ))}
        <text
          transform={`translate(14 ${PAD.top + PLOT_H / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={11}
          fill={text}
        >
          Level (solid)
        </text>
        <text
          transform={`translate(${WIDTH - 10} ${
            PAD.top + PLOT_H / 2
          }) rotate(90)`}
          textAnchor="middle"
          fontSize={11}
          fill={text}
        >
          Score (dashed)
        </text>
        <text x={PAD.left} y={HEIGHT - 12} fontSize={11} fill={text}>
          {formatDate(new Date(startMs).toISOString())}
        </text>
        <text
          x={PAD.left + PLOT_W}
          y={HEIGHT - 12}
          textAnchor="end"
          fontSize={11}
          fill={text}
        >
          {formatDate(new Date(endMs).toISOString())}
        </text>
        <path
          d={scorePath}
          fill="none"
          stroke={theme.palette.text.secondary}
          strokeWidth={1.5}
          strokeDasharray="6 4"
        />
        <path
          d={levelPath}
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={2.5}
        />
      </svg>
      <figcaption>
        <ul aria-label="Trend summary" style={{ margin: 0, paddingLeft: 20 }}>
          {sentences.map(sentence => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** The most recent check changes shown. */
const MAX_CHANGES = 10;

/** The check outcomes that changed in the period, newest first. */
export function CheckChanges(props: {
  changes: readonly CheckChange[];
  days: number;
  checkTitle(checkId: string): string;
}) {
  const { changes, days, checkTitle } = props;
  if (changes.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No check changed in the last {days} days.
      </Typography>
    );
  }
  const label = (outcome?: CheckChange['to']) =>
    outcome ? CHECK_OUTCOME_LABELS[outcome] : 'none';
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Check changes
      </Typography>
      <ul aria-label="Check changes" style={{ margin: 0, paddingLeft: 20 }}>
        {changes.slice(0, MAX_CHANGES).map(change => (
          <li key={`${change.at} ${change.checkId}`}>
            <Typography variant="body2" component="span">
              {checkTitle(change.checkId)}: {label(change.from)} →{' '}
              {label(change.to)} on {formatDate(change.at)}
            </Typography>
          </li>
        ))}
      </ul>
      {changes.length > MAX_CHANGES && (
        <Typography variant="caption" color="textSecondary">
          and {changes.length - MAX_CHANGES} earlier changes
        </Typography>
      )}
    </>
  );
}
