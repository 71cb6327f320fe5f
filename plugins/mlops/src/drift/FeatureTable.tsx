import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  formatThreshold,
  formatValue,
  Status,
  DRIFT_STATE_STATUS,
} from '../components/shared';
import {
  formatPValue,
  sortBySeverity,
  statisticDescription,
  statisticName,
  windowLines,
} from './format';
import { Sparkline } from './Sparkline';
import type { FeatureHealth } from '@mlightenment/backstage-plugin-mlops-common';

// Feature names are identifiers: never break them.
const noWrap = { whiteSpace: 'nowrap' } as const;
// Narrower than Material UI's small cells, for cards in the content column.
const cell = { padding: '6px 8px', verticalAlign: 'top' } as const;

/**
 * The reference and current windows of a monitor's features: once when they
 * share them, else once per group of features that share them (features
 * computed from samples of different sizes differ in their row counts).
 */
export function Windows(props: { features: readonly FeatureHealth[] }) {
  const groups = new Map<
    string,
    { reference?: string; current?: string; names: string[] }
  >();
  for (const feature of props.features) {
    const lines = windowLines(feature);
    if (!lines.reference && !lines.current) continue;
    const key = `${lines.reference}|${lines.current}`;
    const group = groups.get(key) ?? { ...lines, names: [] };
    group.names.push(feature.name);
    groups.set(key, group);
  }
  const all = [...groups.values()];
  return (
    <>
      {all.map(group => (
        <Typography
          key={group.names.join(',')}
          variant="body2"
          component="p"
          style={{ marginTop: 4 }}
        >
          {all.length > 1 && (
            <span style={{ fontWeight: 500 }}>{group.names.join(', ')}: </span>
          )}
          {group.reference && (
            <span style={{ display: all.length > 1 ? 'inline' : 'block' }}>
              {all.length > 1 ? 'reference' : 'Reference:'} {group.reference}
              {all.length > 1 && group.current ? '; ' : ''}
            </span>
          )}
          {group.current && (
            <span style={{ display: all.length > 1 ? 'inline' : 'block' }}>
              {all.length > 1 ? 'current' : 'Current:'} {group.current}
            </span>
          )}
        </Typography>
      ))}
    </>
  );
}

/**
 * A monitor's features, the most severe first: each feature with its method;
 * its state, latest statistic (and p-value) and recent values; its thresholds
 * with their direction. Three columns, so that the table fits a card beside
 * the info column on a 1024 px screen.
 */
export function FeatureTable(props: {
  monitorTitle: string;
  features: readonly FeatureHealth[];
}) {
  const { monitorTitle, features } = props;
  return (
    <Table size="small" aria-label={`Features of ${monitorTitle}`}>
      <TableHead>
        <TableRow>
          <TableCell style={cell}>Feature</TableCell>
          <TableCell style={cell}>State, latest and recent values</TableCell>
          <TableCell style={cell}>Thresholds</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sortBySeverity(features).map(feature => (
          <TableRow key={feature.name}>
            <TableCell component="th" scope="row" style={cell}>
              <span style={noWrap}>{feature.name}</span>
              <Typography
                variant="caption"
                component="span"
                display="block"
                color="textSecondary"
                title={statisticDescription(feature.statistic)}
              >
                {statisticName(feature.statistic)}
              </Typography>
            </TableCell>
            <TableCell style={{ ...cell, ...noWrap }}>
              <Status of={DRIFT_STATE_STATUS} value={feature.state} />
              <Typography variant="body2" component="span" display="block">
                {feature.pValue === undefined
                  ? formatValue(feature.value)
                  : `${formatValue(feature.value)} (${formatPValue(
                      feature.pValue,
                    )})`}
              </Typography>
              <Sparkline
                feature={feature.name}
                values={feature.recent}
                thresholds={feature.thresholds}
              />
            </TableCell>
            <TableCell style={{ ...cell, ...noWrap }}>
              <span style={{ display: 'block' }}>
                {formatThreshold('warning', feature.thresholds)}
              </span>
              <span style={{ display: 'block' }}>
                {formatThreshold('alert', feature.thresholds)}
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
