/** Keys per `whereIn`: well under SQLite's limit of bound parameters. */
export const KEYS_PER_QUERY = 500;

/**
 * Above this many keys, {@link readKeyedRows} reads the table whole: sending
 * thousands of keys (the organisation's 10,000 entities) cost the backend
 * more, in building, sending and planning twenty queries of 500 parameters,
 * than reading the rows of the few others it holds.
 */
export const WHOLE_TABLE_ABOVE = 4 * KEYS_PER_QUERY;

/** `items` in consecutive slices of at most `size`: the rows or keys of one statement each. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * Reads the rows of many keys (entity references, batch keys) a query per
 * {@link KEYS_PER_QUERY}, one after the other, and joins what each returned.
 */
export async function readInChunks<T>(
  keys: readonly string[],
  read: (chunk: string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (const chunk of chunks(keys, KEYS_PER_QUERY)) {
    out.push(...(await read(chunk)));
  }
  return out;
}

/**
 * The rows of many keys, from a table whose rows belong mostly to such
 * keys (one or a few per entity): as {@link readInChunks} for up to
 * {@link WHOLE_TABLE_ABOVE} keys, else with one query over the whole table
 * (`read(undefined)`), keeping the rows whose `keyOf` is one of the keys.
 * The same rows either way.
 */
export async function readKeyedRows<T>(
  keys: readonly string[],
  keyOf: (row: T) => string,
  read: (chunk: string[] | undefined) => Promise<T[]>,
): Promise<T[]> {
  if (keys.length <= WHOLE_TABLE_ABOVE) return readInChunks(keys, read);
  const wanted = new Set(keys);
  return (await read(undefined)).filter(row => wanted.has(keyOf(row)));
}
