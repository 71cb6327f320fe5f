import type { JsonValue } from '@backstage/types';
import type { Entity } from '@backstage/catalog-model';

/**
 * The spec fields an approval rests on, per kind: what the approvers looked
 * at. `spec.lifecycle` is not among them, since moving a model to production
 * is what an approval leads to, nor are titles and descriptions.
 * @public
 */
export const GATE_FACT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  MLUseCase: [
    'owner',
    'sponsor',
    'businessDrivers',
    'acceptanceCriteria',
    'explainability',
    'operationalRequirements',
    'risk',
    'governance',
  ],
  MLModel: [
    'owner',
    'useCase',
    'type',
    'framework',
    'version',
    'metrics',
    'fairness',
    'registry',
    'servedBy',
    'dependsOn',
  ],
};

/** The facts of an entity an approval rests on: `spec.<field>` to its value (absent fields left out). @public */
export type GateFacts = Readonly<Record<string, JsonValue>>;

/** The facts of an entity an approval rests on ({@link GATE_FACT_FIELDS}). @public */
export function gateFactsOf(entity: Entity): GateFacts {
  const facts: Record<string, JsonValue> = {};
  for (const field of GATE_FACT_FIELDS[entity.kind] ?? []) {
    const value = entity.spec?.[field];
    if (value !== undefined) facts[`spec.${field}`] = value;
  }
  return facts;
}

/** JSON with object keys sorted, so equal facts serialise equally. */
function canonicalJson(value: JsonValue | undefined): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter(key => value[key] !== undefined)
      .map(key => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** cyrb53: a fast 53-bit string hash, pure so the browser computes the same. */
function cyrb53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0))
    .toString(16)
    .padStart(14, '0');
}

/**
 * A stable hash of an entity's gate facts: independent of key order, equal for
 * equal facts. It identifies a version of the facts; it is not a security
 * measure (the facts themselves are kept with each decision).
 * @public
 */
export function gateFactsHash(facts: GateFacts): string {
  const text = canonicalJson(facts as JsonValue);
  return `${cyrb53(text, 0)}${cyrb53(text, 1)}`;
}

/** The fact fields whose values differ between two versions, sorted. @public */
export function changedGateFacts(
  before: GateFacts,
  after: GateFacts,
): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields]
    .filter(
      field => canonicalJson(before[field]) !== canonicalJson(after[field]),
    )
    .sort();
}
