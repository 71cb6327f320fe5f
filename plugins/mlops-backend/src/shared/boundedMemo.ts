/**
 * `compute` remembered per key, for values that repeat across reads (the
 * days of KPI periods, the instants of a ledger): computed once per key, and
 * everything forgotten once `limit` keys are held, so memory stays bounded.
 * Callers must not mutate what it returns: every caller gets the same value.
 */
export function boundedMemo<K, V>(
  compute: (key: K) => V,
  limit = 100_000,
): (key: K) => V {
  const values = new Map<K, V>();
  return key => {
    let value = values.get(key);
    if (value === undefined) {
      value = compute(key);
      if (values.size >= limit) values.clear();
      values.set(key, value);
    }
    return value;
  };
}
