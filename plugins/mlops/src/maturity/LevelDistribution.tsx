import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatLevel } from './format';
import type { MaturityLevelDefinition } from '@mlightenment/backstage-plugin-mlops-common';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(12em, max-content) 1fr 3em',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
  track: {
    height: 12,
    backgroundColor: theme.palette.action.hover,
    borderRadius: 2,
  },
  bar: {
    height: '100%',
    backgroundColor: theme.palette.primary.main,
    borderRadius: 2,
  },
  compact: { display: 'flex', alignItems: 'flex-end', gap: 2, height: 24 },
  compactBar: {
    width: 10,
    backgroundColor: theme.palette.primary.main,
    minHeight: 1,
  },
}));

/** How many entities are at each level: a labelled horizontal bar per level. */
export function LevelDistribution(props: {
  distribution: readonly number[];
  levels: readonly MaturityLevelDefinition[];
}) {
  const classes = useStyles();
  const max = Math.max(1, ...props.distribution);
  return (
    <ul
      aria-label="Entities by level"
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {props.distribution.map((count, level) => (
        <li key={level} className={classes.row}>
          <Typography variant="body2" component="span">
            {formatLevel(level, props.levels)}
          </Typography>
          <Box className={classes.track} aria-hidden>
            <Box
              className={classes.bar}
              style={{ width: `${(100 * count) / max}%` }}
            />
          </Box>
          <Typography variant="body2" component="span" align="right">
            {count}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/** A distribution as five small vertical bars, for a table cell. */
export function MiniDistribution(props: { distribution: readonly number[] }) {
  const classes = useStyles();
  const max = Math.max(1, ...props.distribution);
  const label = props.distribution
    .map((count, level) => `level ${level}: ${count}`)
    .join(', ');
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Box className={classes.compact} aria-hidden>
        {props.distribution.map((count, level) => (
          <Box
            key={level}
            className={classes.compactBar}
            style={{ height: `${(100 * count) / max}%` }}
          />
        ))}
      </Box>
      <Typography variant="caption">{label}</Typography>
    </Box>
  );
}
