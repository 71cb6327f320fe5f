import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { MaturityLevelDefinition } from '@mlightenment/backstage-plugin-mlops-common';

const useStyles = makeStyles(theme => ({
  ladder: { listStyle: 'none', margin: 0, padding: 0 },
  rung: {
    padding: theme.spacing(1, 1.5),
    marginBottom: theme.spacing(0.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  current: {
    border: `2px solid ${theme.palette.primary.main}`,
    backgroundColor: theme.palette.action.selected,
  },
}));

/**
 * The levels from the top down, the entity's own marked in words ("Current
 * level", "Reached") and not by colour alone.
 */
export function MaturityLadder(props: {
  levels: readonly MaturityLevelDefinition[];
  level: number;
}) {
  const classes = useStyles();
  const rungs = [...props.levels].sort((a, b) => b.level - a.level);
  return (
    <ol className={classes.ladder} aria-label="Maturity levels">
      {rungs.map(rung => {
        const current = rung.level === props.level;
        let status = 'Not reached';
        if (current) status = 'Current level';
        else if (rung.level < props.level) status = 'Reached';
        return (
          <li
            key={rung.level}
            className={`${classes.rung} ${current ? classes.current : ''}`}
            aria-current={current ? 'step' : undefined}
          >
            <Box display="flex" justifyContent="space-between">
              <Typography variant="subtitle2" component="span">
                Level {rung.level} · {rung.name}
              </Typography>
              <Typography
                variant="caption"
                component="span"
                color={current ? 'textPrimary' : 'textSecondary'}
              >
                {current ? <strong>{status}</strong> : status}
              </Typography>
            </Box>
            <Typography
              variant="body2"
              color={current ? 'textPrimary' : 'textSecondary'}
            >
              {rung.description}
            </Typography>
          </li>
        );
      })}
    </ol>
  );
}
