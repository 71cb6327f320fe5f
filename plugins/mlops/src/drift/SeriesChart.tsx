import { useTheme } from '@material-ui/core/styles';
import { DRIFT_STATE_LABELS } from '@mlightenment/backstage-plugin-mlops-common';
import {
  formatDateTime,
  formatThreshold,
  formatValue,
  thresholdLines,
} from '../components/shared';
import { statisticName } from './format';
import type { DriftSeries } from '@mlightenment/backstage-plugin-mlops-common';

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 56, right: 120, top: 12, bottom: 28 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

type SeriesFeature = DriftSeries['features'][number];

/** What the chart shows, in sentences: latest value and crossings. */
export function seriesSentences(
  feature: SeriesFeature,
  days: number,
): string[] {
  const { points, thresholds } = feature;
  if (points.length === 0) {
    return [`No observation in the last ${days} days.`];
  }
  const last = points[points.length - 1];
  const alerts = points.filter(p => p.state === 'alert').length;
  const warnings = points.filter(p => p.state === 'warning').length;
  return [
    `Latest ${formatValue(last.value)} (${
      DRIFT_STATE_LABELS[last.state] ?? last.state
    }) at ${formatDateTime(last.at)}.`,
    `${points.length} observations in the last ${days} days: ${alerts} in alert, ${warnings} in warning.`,
    `Thresholds: ${formatThreshold('warning', thresholds)}, ${formatThreshold(
      'alert',
      thresholds,
    )}.`,
  ];
}

/**
 * A feature's statistic over time with its warning (dashed) and alert
 * (solid) threshold lines, two of each for a band, named at the right edge;
 * the label and caption carry the same facts in words.
 */
export function SeriesChart(props: { feature: SeriesFeature; days: number }) {
  const theme = useTheme();
  const { feature, days } = props;
  const { points, thresholds } = feature;
  const times = points.map(p => Date.parse(p.at));
  const values = points.map(p => p.value);
  const lines = thresholdLines(thresholds);
  const levels = lines.map(line => line.value);
  // From 0 (or the lowest value, for a metric that may be negative) to a
  // tenth above the highest value or threshold.
  const low = Math.min(0, ...values, ...levels);
  const top = Math.max(...values, ...levels);
  const high = top > low ? top + (top - low) * 0.1 : low + 1;
  const start = Math.min(...times);
  const end = Math.max(...times);
  const x = (t: number) =>
    PAD.left +
    (end === start ? PLOT_W / 2 : ((t - start) / (end - start)) * PLOT_W);
  const y = (v: number) =>
    PAD.top + PLOT_H - ((v - low) / (high - low)) * PLOT_H;
  const path = points
    .map(
      (p, i) =>
        `${i === 0 ? 'M' : 'L'}${x(times[i]).toFixed(1)},${y(p.value).toFixed(
          1,
        )}`,
    )
    .join(' ');
  const sentences = seriesSentences(feature, days);
  const text = theme.palette.text.secondary;
  const colour = (state: string) =>
    ({
      alert: theme.palette.error.main,
      warning: theme.palette.warning.main,
      healthy: theme.palette.success.main,
    }[state] ?? theme.palette.text.disabled);
  const stroke = {
    warning: { colour: theme.palette.warning.main, dash: '6 4' },
    alert: { colour: theme.palette.error.main, dash: undefined },
  };
  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`${feature.name}, ${statisticName(
          feature.statistic,
        )} over the last ${days} days. ${sentences.join(' ')}`}
        style={{ maxWidth: WIDTH, fontFamily: theme.typography.fontFamily }}
      >
        {[low, high].map(v => (
          <text
            key={v}
            x={PAD.left - 8}
            y={y(v) + 4}
            textAnchor="end"
            fontSize={11}
            fill={text}
          >
            {formatValue(v)}
          </text>
        ))}
        <line
          x1={PAD.left}
          x2={PAD.left + PLOT_W}
          y1={PAD.top + PLOT_H}
          y2={PAD.top + PLOT_H}
          stroke={theme.palette.divider}
        />
        {lines.map(line => (
          <g key={line.label}>
            <line
              x1={PAD.left}
              x2={PAD.left + PLOT_W}
              y1={y(line.value)}
              y2={y(line.value)}
              stroke={stroke[line.level].colour}
              strokeWidth={1.5}
              strokeDasharray={stroke[line.level].dash}
            />
            <text
              x={PAD.left + PLOT_W + 6}
              y={y(line.value) + 4}
              fontSize={11}
              fill={text}
            >
              {line.label}
            </text>
          </g>
        ))}
        {points.length > 0 && (
          <>
            <text x={PAD.left} y={HEIGHT - 8} fontSize={11} fill={text}>
              {formatDateTime(points[0].at)}
            </text>
            <text
              x={PAD.left + PLOT_W}
              y={HEIGHT - 8}
              textAnchor="end"
              fontSize={11}
              fill={text}
            >
              {formatDateTime(points[points.length - 1].at)}
            </text>
          </>
        )}
        <path
          d={path}
          fill="none"
          stroke={theme.palette.text.primary}
          strokeWidth={1.5}
        />
        {points.map((p, i) => (
          <circle
            key={p.at}
            cx={x(times[i])}
            cy={y(p.value)}
            r={3}
            fill={colour(p.state)}
          />
        ))}
      </svg>
      <figcaption>
        <ul
          aria-label={`${feature.name} summary`}
          style={{ margin: 0, paddingLeft: 20 }}
        >
          {sentences.map(sentence => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
