import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Table, TableColumn } from '@backstage/core-components';
import { useFocusRing } from './focusRing';

// Backstage's theme lets a table cell break a word anywhere to make a
// column narrower ("subscriber / s"). Here words stay whole; a column is
// at least as wide as its longest word, and each table's columns are
// chosen so that it still fits its card beside the sidebar at 1024 px.
const useStyles = makeStyles(
  {
    root: {
      '& td, & th': { wordBreak: 'normal', overflowWrap: 'break-word' },
    },
  },
  { name: 'MlopsTableCard' },
);

/**
 * A titled table of a few rows, without paging or search, whose root carries
 * a test id. The core Table renders its title as an `h2` heading. Cells
 * wrap at word boundaries only.
 */
export function MlopsTableCard<T extends object>(props: {
  title: string;
  testId: string;
  subtitle?: string;
  columns: TableColumn<T>[];
  rows: T[];
  emptyMessage: ReactNode;
  isLoading?: boolean;
}) {
  const { title, testId, subtitle, columns, rows, emptyMessage, isLoading } =
    props;
  const focusRing = useFocusRing();
  const classes = useStyles();
  return (
    <Box data-testid={testId} className={`${focusRing.root} ${classes.root}`}>
      <Table<T>
        title={title}
        subtitle={subtitle}
        columns={columns}
        data={rows}
        isLoading={isLoading}
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          draggable: false,
        }}
        emptyContent={
          <Box padding={2}>
            <Typography variant="body2" color="textSecondary">
              {emptyMessage}
            </Typography>
          </Box>
        }
      />
    </Box>
  );
}
