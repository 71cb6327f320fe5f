import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { formatDateTime } from './format';
import { TwoLines } from './TwoLines';

/** One column of a {@link StatusTable}: its header and what a row shows in it. */
export interface StatusColumn<T> {
  header: string;
  cell(row: T): ReactNode;
}

// Words stay whole (Backstage's theme lets a cell break one anywhere); a
// query or an error, one long run of text, breaks where it must.
const useStyles = makeStyles(
  {
    table: {
      '& td, & th': { wordBreak: 'normal', overflowWrap: 'break-word' },
    },
    anywhere: { overflowWrap: 'anywhere' },
  },
  { name: 'MlopsStatusTable' },
);

/**
 * A small table of things and how they went (source bindings, alert
 * channels, a dry run's results): the first column names the row (a row
 * header), and the table scrolls sideways rather than squeezing its words
 * on a narrow card.
 */
export function StatusTable<T>(props: {
  /** The table's accessible name. */
  label: string;
  columns: readonly StatusColumn<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
}) {
  const { label, columns, rows, rowKey } = props;
  const classes = useStyles();
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={label} className={classes.table}>
        <TableHead>
          <TableRow>
            {columns.map(column => (
              <TableCell key={column.header}>{column.header}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={rowKey(row)}>
              {columns.map((column, i) =>
                i === 0 ? (
                  <TableCell key={column.header} component="th" scope="row">
                    {column.cell(row)}
                  </TableCell>
                ) : (
                  <TableCell key={column.header}>{column.cell(row)}</TableCell>
                ),
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** Text that may break anywhere: a query, an error, an address. */
export function Unbroken(props: { children: ReactNode; code?: boolean }) {
  const classes = useStyles();
  return (
    <Box component={props.code ? 'code' : 'span'} className={classes.anywhere}>
      {props.children}
    </Box>
  );
}

/** A last error cell: when, and the message verbatim; `None` without one. */
export function LastError(props: { error?: { at: string; message: string } }) {
  const { error } = props;
  if (!error) return <>None</>;
  return (
    <TwoLines
      main={formatDateTime(error.at)}
      secondary={<Unbroken>{error.message}</Unbroken>}
    />
  );
}
