import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Table, TableColumn } from '@backstage/core-components';
import { useFocusRing } from './focusRing';

/**
 * A titled table of a few rows, without paging or search, whose root carries
 * a test id. The core Table renders its title as an `h2` heading.
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
  return (
    <Box data-testid={testId} className={focusRing.root}>
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
