/** Keys per `whereIn`: well under SQLite's limit of bound parameters. */
export const KEYS_PER_QUERY = 500;

/**
 * Reads the rows of many keys (entity references, batch keys) a query per
 * {@link KEYS_PER_QUERY}, one after the other, and joins what each returned.
 */
export async function readInChunks<T>(
  keys: readonly string[],
  read: (chunk: string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    out.push(...(await read(keys.slice(i, i + KEYS_PER_QUERY))));
  }
  return out;
}
