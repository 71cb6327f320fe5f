import { toCsv } from './csv';

describe('toCsv', () => {
  const columns = [
    { header: 'name', value: (row: { name: string; n?: number }) => row.name },
    { header: 'n', value: (row: { name: string; n?: number }) => row.n },
  ];

  it('writes a header row and CRLF-terminated rows, quoting where RFC 4180 needs it', () => {
    expect(
      toCsv(columns, [{ name: 'a, "b"', n: 1 }, { name: 'line\nbreak' }]),
    ).toBe('name,n\r\n"a, ""b""",1\r\n"line\nbreak",\r\n');
  });

  it.each(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx'])(
    'neutralises the formula %j so a spreadsheet shows it as text',
    text => {
      const [, row] = toCsv(columns, [{ name: text }]).split('\r\n');
      const cell = row.startsWith('"') ? row.slice(1) : row;
      expect(cell.startsWith("'")).toBe(true);
    },
  );

  it('writes negative numbers as numbers, not as neutralised text', () => {
    expect(toCsv(columns, [{ name: 'x', n: -2 }])).toBe('name,n\r\nx,-2\r\n');
  });
});
