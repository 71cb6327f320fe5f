import { DependencyList, useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { MlopsApi, mlopsApiRef } from '../api';

/** A value loaded from the mlops backend. */
export interface Loaded<T> {
  value?: T;
  error?: Error;
  loading: boolean;
  /** Loads again. */
  retry(): void;
  /** Replaces the value, e.g. with the answer to a refresh. */
  setValue(value: T): void;
}

/**
 * Loads a value from the mlops backend whenever `deps` change. An answer to
 * an older request never overwrites the answer to a newer one.
 */
export function useMlops<T>(
  load: (api: MlopsApi) => Promise<T>,
  deps: DependencyList,
): Loaded<T> {
  const api = useApi(mlopsApiRef);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ value?: T; error?: Error }>({});
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let current = true;
    setLoading(true);
    load(api).then(
      value => {
        if (!current) return;
        setState({ value });
        setLoading(false);
      },
      error => {
        if (!current) return;
        setState({ error });
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, attempt, ...deps]);

  const retry = useCallback(() => setAttempt(n => n + 1), []);
  const setValue = useCallback((value: T) => setState({ value }), []);
  return { ...state, loading, retry, setValue };
}
