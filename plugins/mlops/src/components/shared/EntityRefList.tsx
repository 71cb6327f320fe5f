import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
});

/**
 * Links to the given entities, one per line so that a narrow column never
 * wraps between a link and its separator, or a word saying there are none.
 */
export function EntityRefList(props: {
  entityRefs: CompoundEntityRef[];
  empty: string;
}) {
  const classes = useStyles();
  if (props.entityRefs.length === 0) {
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        {props.empty}
      </Typography>
    );
  }
  if (props.entityRefs.length === 1) {
    return <EntityRefLink entityRef={props.entityRefs[0]} />;
  }
  return (
    <ul className={classes.list}>
      {props.entityRefs.map(ref => (
        <li key={stringifyEntityRef(ref)}>
          <EntityRefLink entityRef={ref} />
        </li>
      ))}
    </ul>
  );
}
