import Typography from '@material-ui/core/Typography';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';

/** Links to the given entities, or a word saying there are none. */
export function EntityRefList(props: {
  entityRefs: CompoundEntityRef[];
  empty: string;
}) {
  if (props.entityRefs.length === 0) {
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        {props.empty}
      </Typography>
    );
  }
  return <EntityRefLinks entityRefs={props.entityRefs} />;
}
