import { Fragment, ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    // The label column is as wide as its longest label, at most 40 % of the
    // card, and never narrower than its longest word: in a narrow column
    // labels wrap between words, never inside one.
    gridTemplateColumns: 'fit-content(40%) minmax(0, 1fr)',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
    margin: 0,
  },
  label: {
    fontWeight: theme.typography.fontWeightBold as number,
    overflowWrap: 'normal',
    wordBreak: 'normal',
    hyphens: 'manual',
  },
  value: {
    margin: 0,
    minWidth: 0,
    // Long links and identifiers break rather than widen the card.
    overflowWrap: 'anywhere',
  },
  items: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
}));

/** A field's value: text, a node, or several values shown one per line. */
export type MetadataValue = ReactNode | string[];

/**
 * Labelled values of an entity, as a definition list that reads well in the
 * narrow info column of an entity page.
 */
export function MetadataList(props: {
  items: ReadonlyArray<readonly [label: string, value: MetadataValue]>;
}) {
  const classes = useStyles();
  return (
    <dl className={classes.list}>
      {props.items.map(([label, value]) => (
        <Fragment key={label}>
          <Typography component="dt" variant="body2" className={classes.label}>
            {label}
          </Typography>
          <Typography component="dd" variant="body2" className={classes.value}>
            {Array.isArray(value) ? (
              <ul className={classes.items}>
                {value.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ul>
            ) : (
              value
            )}
          </Typography>
        </Fragment>
      ))}
    </dl>
  );
}
