import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DEFAULT_OPERATIONS_GROUP,
  defaultGateSignOff,
  FRAMEWORK_STAGES,
  GateSignOffConfig,
  SignOffRequirement,
} from '@mlightenment/backstage-plugin-mlops-common';

/** A mistake in `mlops.gates`, naming the key. */
export class GateConfigError extends Error {
  constructor(key: string, message: string) {
    super(`Invalid configuration at ${key}: ${message}`);
    this.name = 'GateConfigError';
  }
}

function groupRef(value: string, key: string): string {
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new GateConfigError(key, `"${value}" is not an entity reference`);
  }
  if (ref.kind.toLowerCase() !== 'group') {
    throw new GateConfigError(
      key,
      `"${value}" must be a group reference such as group:default/platform-operations`,
    );
  }
  return stringifyEntityRef(ref).toLowerCase();
}

/**
 * Who signs off each gate, from `mlops.gates` (defaults: stage 1 sponsor and
 * owner, stage 2 owner and sponsor, stage 3 owner and the operations group).
 * Throws a GateConfigError naming the key on a mistake.
 */
export function readGateSignOff(config: Config): GateSignOffConfig {
  const gates = config.getOptionalConfig('mlops.gates');
  const operationsGroup = gates?.has('operationsGroup')
    ? groupRef(
        gates.getString('operationsGroup'),
        'mlops.gates.operationsGroup',
      )
    : DEFAULT_OPERATIONS_GROUP;
  const defaults = defaultGateSignOff(operationsGroup);
  const signOff = gates?.getOptionalConfig('signOff');
  if (!signOff) return defaults;
  const stages = FRAMEWORK_STAGES.map(s => s.id) as string[];
  for (const key of signOff.keys()) {
    if (!stages.includes(key)) {
      throw new GateConfigError(
        `mlops.gates.signOff.${key}`,
        `unknown stage; the stages are ${stages.join(', ')}`,
      );
    }
  }
  const result: Record<string, readonly SignOffRequirement[]> = {
    ...defaults,
  };
  for (const stage of FRAMEWORK_STAGES) {
    const key = `mlops.gates.signOff.${stage.id}`;
    if (!signOff.has(stage.id)) continue;
    const values = signOff.getStringArray(stage.id);
    if (values.length === 0) {
      throw new GateConfigError(key, 'a gate needs at least one sign-off');
    }
    const requirements = values.map((value, i): SignOffRequirement => {
      if (value === 'sponsor' || value === 'owner') return { type: value };
      if (value === 'operations')
        return { type: 'group', ref: operationsGroup };
      return { type: 'group', ref: groupRef(value, `${key}[${i}]`) };
    });
    const ids = requirements.map(r => (r.type === 'group' ? r.ref : r.type));
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) {
      throw new GateConfigError(key, `${duplicate} is listed twice`);
    }
    result[stage.id] = requirements;
  }
  return result as GateSignOffConfig;
}
