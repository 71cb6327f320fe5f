import { useCallback } from 'react';
import type { FrameworkStageId } from '@mlightenment/backstage-plugin-mlops-common';
import { useMlops } from '../hooks/useMlops';
import type {
  EntityGates,
  GateView,
} from '@mlightenment/backstage-plugin-mlops-common';

/**
 * An entity's gates, reloadable, and a way to put in the view of one gate
 * that a decision or an attestation answered with, before the reload that
 * brings the current stage up to date.
 */
export function useGates(entityRef: string) {
  const gates = useMlops(api => api.getGates(entityRef), [entityRef]);
  const { value, setValue, retry } = gates;
  const replaceGate = useCallback(
    (view: GateView) => {
      if (value) {
        const stages = value.stages.map(s =>
          s.stage === view.stage ? view : s,
        );
        setValue({ ...value, stages } as EntityGates);
      }
      retry();
    },
    [value, setValue, retry],
  );
  return { ...gates, replaceGate };
}

/** The gate of one stage, if the backend sent it. */
export function gateOf(
  gates: EntityGates,
  stage: FrameworkStageId,
): GateView | undefined {
  return gates.stages.find(s => s.stage === stage);
}
