import { useCallback, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { mlopsApiRef } from '../api';
import { hasStatus } from '../api/errors';
import type { EntityScorecard } from '@mlightenment/backstage-plugin-mlops-common';

/** What a person is told after pressing Refresh. */
export function refreshFailureMessage(error: unknown): string {
  if (hasStatus(error, 403)) {
    return "You don't have permission to refresh this scorecard.";
  }
  if (hasStatus(error, 404)) {
    return 'The backend does not know this entity yet; try again once the catalog has processed it.';
  }
  return `Refresh failed: ${
    error instanceof Error ? error.message : String(error)
  }`;
}

/** Evaluates an entity now, handing the new scorecard to `onRefreshed`. */
export function useRefresh(
  entityRef: string,
  onRefreshed: (scorecard: EntityScorecard) => void,
) {
  const api = useApi(mlopsApiRef);
  const [refreshing, setRefreshing] = useState(false);
  const [failure, setFailure] = useState<string>();
  const refresh = useCallback(async () => {
    setRefreshing(true);
    setFailure(undefined);
    try {
      onRefreshed(await api.refreshScorecard(entityRef));
    } catch (error) {
      setFailure(refreshFailureMessage(error));
    } finally {
      setRefreshing(false);
    }
  }, [api, entityRef, onRefreshed]);
  return { refresh, refreshing, failure };
}
