/**
 * One cell of a CSV file (RFC 4180): quoted when it holds a quote, comma or
 * line break; a text that a spreadsheet would run as a formula (it starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`
 * so that it is shown, not run. Numbers are written as they are.
 */
export function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  const safe =
    typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows as a CSV file with a header row and CRLF line ends: every export of
 * the plugin goes through here, so that none lets a spreadsheet run a
 * formula from a free-text field.
 */
export function toCsv<Row>(
  columns: ReadonlyArray<{ header: string; value: (row: Row) => unknown }>,
  rows: Iterable<Row>,
): string {
  const lines = [columns.map(c => csvCell(c.header)).join(',')];
  for (const row of rows) {
    lines.push(columns.map(c => csvCell(c.value(row))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
