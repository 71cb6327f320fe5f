import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type {
  KpiValue,
  ValueMarker,
} from '@mlightenment/backstage-plugin-mlops-common';
import { formatDate, formatPeriod } from '../components/shared';
import { formatKpiValue } from './format';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What each kind of marker is called in the legend and the summary. */
export const MARKER_LABELS: Record<ValueMarker['kind'], string> = {
  'gate-approval': 'Gate approval',
  'drift-alert': 'Drift alert',
  'drift-recovery': 'Drift recovery',
  'model-version': 'Model version',
};

// Markers differ by dash as well as by colour.
const MARKER_DASH: Record<ValueMarker['kind'], string | undefined> = {
  'gate-approval': undefined,
  'drift-alert': '5 3',
  'drift-recovery': '1 3',
  'model-version': '8 2 1 2',
};

const BASELINE_DASH = '6 4';
const TARGET_DASH = '2 3';

function timeOf(date: string): number {
  return Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
}

/** The time span the KPI's actuals cover: first period start to last period end. */
function spanOf(kpi: KpiValue): { start: number; end: number } {
  const first = kpi.points[0];
  const last = kpi.points[kpi.points.length - 1];
  return {
    start: timeOf(first.periodStart),
    end: timeOf(last.periodEnd) + DAY_MS,
  };
}

/** The markers that fall within the span of a KPI's actuals, oldest first. */
export function markersInView(
  kpi: KpiValue,
  markers: readonly ValueMarker[],
): ValueMarker[] {
  if (kpi.points.length === 0) return [];
  const { start, end } = spanOf(kpi);
  return markers.filter(m => {
    const at = Date.parse(m.at);
    return at >= start && at < end;
  });
}

/** What the chart shows, in one paragraph: the actuals, the lines, the events. */
export function chartSummary(
  kpi: KpiValue,
  markers: readonly ValueMarker[],
): string {
  const { points, unit } = kpi;
  if (points.length === 0) return `${kpi.kpi}: no actuals yet.`;
  const first = points[0];
  const last = points[points.length - 1];
  const actuals =
    points.length === 1
      ? `1 actual, ${formatKpiValue(last.value, unit)} for ${formatPeriod(
          last.periodStart,
          last.periodEnd,
        )}`
      : `${points.length} actuals, from ${formatKpiValue(
          first.value,
          unit,
        )} for ${formatPeriod(
          first.periodStart,
          first.periodEnd,
        )} to ${formatKpiValue(last.value, unit)} for ${formatPeriod(
          last.periodStart,
          last.periodEnd,
        )}`;
  const lines = [
    kpi.baseline !== undefined &&
      `baseline ${formatKpiValue(kpi.baseline, unit)}`,
    kpi.target !== undefined && `target ${formatKpiValue(kpi.target, unit)}`,
  ].filter(Boolean);
  const events = markersInView(kpi, markers).map(
    m => `${MARKER_LABELS[m.kind]} on ${formatDate(m.at)}: ${m.title}`,
  );
  return [
    `${kpi.kpi}: ${actuals}.`,
    lines.length > 0 ? `Lines at ${lines.join(' and ')}.` : '',
    events.length > 0 ? `Events: ${events.join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function LineSample(props: { stroke: string; dash?: string }) {
  return (
    <svg width={24} height={10} aria-hidden style={{ flexShrink: 0 }}>
      <line
        x1={0}
        x2={24}
        y1={5}
        y2={5}
        stroke={props.stroke}
        strokeWidth={2}
        strokeDasharray={props.dash}
      />
    </svg>
  );
}

/**
 * A KPI's actuals in force over time, with its baseline and target as
 * dashed lines named at the right edge, and gate approvals and drift alerts
 * and recoveries as vertical markers explained in the legend. The chart's
 * label says the same in words.
 */
export function KpiChart(props: {
  kpi: KpiValue;
  markers: readonly ValueMarker[];
  size?: 'small' | 'large';
}) {
  const theme = useTheme();
  const { kpi, size = 'small' } = props;
  const width = size === 'large' ? 720 : 480;
  const height = size === 'large' ? 240 : 160;
  const pad = { left: 48, right: 104, top: 16, bottom: 24 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;

  if (kpi.points.length === 0) return null;
  const { start, end } = spanOf(kpi);
  const markers = markersInView(kpi, props.markers);
  const values = kpi.points.map(p => p.value);
  const levels = [
    ...values,
    ...(kpi.baseline !== undefined ? [kpi.baseline] : []),
    ...(kpi.target !== undefined ? [kpi.target] : []),
  ];
  const min = Math.min(...levels);
  const max = Math.max(...levels);
  const margin = (max - min) * 0.1 || Math.abs(max) * 0.1 || 1;
  const low = min - margin;
  const high = max + margin;
  const x = (t: number) => pad.left + ((t - start) / (end - start)) * plotW;
  const y = (v: number) => pad.top + plotH - ((v - low) / (high - low)) * plotH;
  const middle = (p: KpiValue['points'][number]) =>
    (timeOf(p.periodStart) + timeOf(p.periodEnd) + DAY_MS) / 2;
  const path = kpi.points
    .map(
      (p, i) =>
        `${i === 0 ? 'M' : 'L'}${x(middle(p)).toFixed(1)},${y(p.value).toFixed(
          1,
        )}`,
    )
    .join(' ');

  const text = theme.palette.text.secondary;
  const markerColour: Record<ValueMarker['kind'], string> = {
    'gate-approval': theme.palette.primary.main,
    'drift-alert': theme.palette.error.main,
    'drift-recovery': theme.palette.success.main,
    'model-version': theme.palette.secondary.main,
  };
  const referenceLine = (
    name: 'baseline' | 'target',
    value: number | undefined,
    dash: string,
    stroke: string,
  ) =>
    value === undefined ? null : (
      <g>
        <line
          x1={pad.left}
          x2={pad.left + plotW}
          y1={y(value)}
          y2={y(value)}
          stroke={stroke}
          strokeWidth={1.5}
          strokeDasharray={dash}
        />
        <text
          x={pad.left + plotW + 6}
          y={y(value) + 4}
          fontSize={11}
          fill={text}
        >
          {name} {formatKpiValue(value, kpi.unit)}
        </text>
      </g>
    );
  const kinds = (
    Object.keys(MARKER_LABELS) as Array<ValueMarker['kind']>
  ).filter(kind => markers.some(m => m.kind === kind));

  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label={chartSummary(kpi, props.markers)}
        style={{ maxWidth: width, fontFamily: theme.typography.fontFamily }}
      >
        {[low, high].map(v => (
          <text
            key={v}
            x={pad.left - 6}
            y={y(v) + 4}
            textAnchor="end"
            fontSize={11}
            fill={text}
          >
            {formatKpiValue(Number(v.toPrecision(3)))}
          </text>
        ))}
        <line
          x1={pad.left}
          x2={pad.left + plotW}
          y1={pad.top + plotH}
          y2={pad.top + plotH}
          stroke={theme.palette.divider}
        />
        <text x={pad.left} y={height - 6} fontSize={11} fill={text}>
          {formatDate(kpi.points[0].periodStart)}
        </text>
        <text
          x={pad.left + plotW}
          y={height - 6}
          textAnchor="end"
          fontSize={11}
          fill={text}
        >
          {formatDate(kpi.points[kpi.points.length - 1].periodEnd)}
        </text>
        {referenceLine(
          'baseline',
          kpi.baseline,
          BASELINE_DASH,
          theme.palette.text.disabled,
        )}
        {referenceLine(
          'target',
          kpi.target,
          TARGET_DASH,
          theme.palette.success.main,
        )}
        {markers.map(m => (
          <line
            key={`${m.kind} ${m.at} ${m.entityRef}`}
            x1={x(Date.parse(m.at))}
            x2={x(Date.parse(m.at))}
            y1={pad.top}
            y2={pad.top + plotH}
            stroke={markerColour[m.kind]}
            strokeWidth={1.5}
            strokeDasharray={MARKER_DASH[m.kind]}
          >
            <title>{`${MARKER_LABELS[m.kind]} on ${formatDate(m.at)}: ${
              m.title
            }`}</title>
          </line>
        ))}
        <path
          d={path}
          fill="none"
          stroke={theme.palette.text.primary}
          strokeWidth={2}
        />
        {kpi.points.map(p => (
          <circle
            key={p.id}
            cx={x(middle(p))}
            cy={y(p.value)}
            r={3.5}
            fill={theme.palette.text.primary}
          >
            <title>{`${formatKpiValue(p.value, kpi.unit)} for ${formatPeriod(
              p.periodStart,
              p.periodEnd,
            )}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>
        <Box
          component="ul"
          aria-label={`Legend of ${kpi.kpi}`}
          display="flex"
          flexWrap="wrap"
          margin={0}
          padding={0}
          style={{ listStyle: 'none', columnGap: 16 }}
        >
          <LegendItem label="Actual" stroke={theme.palette.text.primary} />
          {kpi.baseline !== undefined && (
            <LegendItem
              label="Baseline"
              stroke={theme.palette.text.disabled}
              dash={BASELINE_DASH}
            />
          )}
          {kpi.target !== undefined && (
            <LegendItem
              label="Target"
              stroke={theme.palette.success.main}
              dash={TARGET_DASH}
            />
          )}
          {kinds.map(kind => (
            <LegendItem
              key={kind}
              label={MARKER_LABELS[kind]}
              stroke={markerColour[kind]}
              dash={MARKER_DASH[kind]}
              vertical
            />
          ))}
        </Box>
      </figcaption>
    </figure>
  );
}

function LegendItem(props: {
  label: string;
  stroke: string;
  dash?: string;
  vertical?: boolean;
}) {
  return (
    <Box component="li" display="flex" alignItems="center" style={{ gap: 4 }}>
      {props.vertical ? (
        <svg width={10} height={14} aria-hidden style={{ flexShrink: 0 }}>
          <line
            x1={5}
            x2={5}
            y1={0}
            y2={14}
            stroke={props.stroke}
            strokeWidth={2}
            strokeDasharray={props.dash}
          />
        </svg>
      ) : (
        <LineSample stroke={props.stroke} dash={props.dash} />
      )}
      <Typography variant="caption">{props.label}</Typography>
    </Box>
  );
}
