import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';

/**
 * A table cell's value and, under it, what qualifies it (a dataset, a
 * feature's type, an outcome): two columns' worth in one, so that a table
 * fits a card half as wide as a laptop's page.
 */
export function TwoLines(props: { main: ReactNode; secondary?: ReactNode }) {
  const { main, secondary } = props;
  return (
    <>
      <Typography variant="body2" component="div">
        {main}
      </Typography>
      {secondary !== undefined && (
        <Typography variant="body2" component="div" color="textSecondary">
          {secondary}
        </Typography>
      )}
    </>
  );
}
