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

/**
 * Writes `value` as JSON with object keys sorted, so equal facts serialise
 * equally, a piece at a time (undefined keys left out, undefined array
 * items as null).
 */
function writeCanonical(
  value: JsonValue | undefined,
  write: (text: string) => void,
): void {
  if (value === undefined) {
    write('null');
  } else if (Array.isArray(value)) {
    write('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) write(',');
      writeCanonical(value[i], write);
    }
    write(']');
  } else if (value !== null && typeof value === 'object') {
    write('{');
    let first = true;
    for (const key of Object.keys(value).sort()) {
      if (value[key] === undefined) continue;
      if (!first) write(',');
      first = false;
      write(JSON.stringify(key));
      write(':');
      writeCanonical(value[key], write);
    }
    write('}');
  } else {
    write(JSON.stringify(value));
  }
}

/** The canonical JSON of a value ({@link writeCanonical}) as one string. */
function canonicalJson(value: JsonValue | undefined): string {
  const parts: string[] = [];
  writeCanonical(value, text => parts.push(text));
  return parts.join('');
}

/** The end of cyrb53: two 32-bit lanes mixed into a 53-bit hex string. */
function cyrb53Final(a: number, b: number): string {
  let h1 = Math.imul(a ^ (a >>> 16), 2246822507);
  h1 ^= Math.imul(b ^ (b >>> 13), 3266489909);
  let h2 = Math.imul(b ^ (b >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0))
    .toString(16)
    .padStart(14, '0');
}

/**
 * cyrb53 with the seeds 0 and 1, fed a text piece by piece: a fast 106-bit
 * string hash, pure so the browser computes the same.
 */
class Cyrb53Twice {
  private a1 = 0xdeadbeef;
  private a2 = 0x41c6ce57;
  private b1 = 0xdeadbeef ^ 1;
  private b2 = 0x41c6ce57 ^ 1;

  feed(text: string): void {
    let { a1, a2, b1, b2 } = this;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      a1 = Math.imul(a1 ^ ch, 2654435761);
      a2 = Math.imul(a2 ^ ch, 1597334677);
      b1 = Math.imul(b1 ^ ch, 2654435761);
      b2 = Math.imul(b2 ^ ch, 1597334677);
    }
    this.a1 = a1;
    this.a2 = a2;
    this.b1 = b1;
    this.b2 = b2;
  }

  digest(): string {
    return `${cyrb53Final(this.a1, this.a2)}${cyrb53Final(this.b1, this.b2)}`;
  }
}

/**
 * A stable hash of an entity's gate facts: independent of key order, equal for
 * equal facts. It identifies a version of the facts; it is not a security
 * measure (the facts themselves are kept with each decision).
 * @public
 */
export function gateFactsHash(facts: GateFacts): string {
  // Fed piece by piece: the text is never built.
  const hash = new Cyrb53Twice();
  writeCanonical(facts as JsonValue, text => hash.feed(text));
  return hash.digest();
}

// The catalog gives each version of an entity its own etag: a version's
// hash is computed once. Bounded, so a long-running backend does not grow it.
const hashByVersion = new Map<string, string>();
const HASH_BY_VERSION_MAX = 50_000;

/**
 * An entity's gate facts and their hash, the hash computed once per version
 * of the entity when the catalog gives it an etag.
 * @public
 */
export function gateFactsVersionOf(entity: Entity): {
  facts: GateFacts;
  hash: string;
} {
  const facts = gateFactsOf(entity);
  const etag = entity.metadata.etag;
  if (!etag) return { facts, hash: gateFactsHash(facts) };
  const key = `${entity.metadata.uid ?? ''}\u0000${etag}`;
  let hash = hashByVersion.get(key);
  if (hash === undefined) {
    hash = gateFactsHash(facts);
    if (hashByVersion.size >= HASH_BY_VERSION_MAX) hashByVersion.clear();
    hashByVersion.set(key, hash);
  }
  return { facts, hash };
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
