/**
 * Paths into an entity, as declarative checks address fields:
 * dot-separated names (`spec.governance.reviewCadence`), bracketed quoted
 * keys for names that contain dots, slashes or other punctuation
 * (`metadata.annotations["backstage.io/techdocs-ref"]`, single quotes work
 * too) and bracketed indices for list items (`spec.metrics[0].value`).
 */

/** One step of a path: an object key or a list index. */
export type PathSegment = string | number;

const ROOTS = ['apiVersion', 'kind', 'metadata', 'spec', 'relations'];

/**
 * The segments of a path; throws a TypeError that says what is wrong with
 * it otherwise.
 */
export function parseEntityPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let rest = path;
  let first = true;
  while (rest.length) {
    const index = rest.match(/^\[(\d+)\]/);
    const quoted = rest.match(/^\[(["'])(.+?)\1\]/);
    const name = rest.match(first ? /^([^.[\]"']+)/ : /^\.([^.[\]"']+)/);
    const match = index ?? quoted ?? name;
    if (!match) {
      throw new TypeError(
        `cannot read "${rest}"; write names with dots (spec.governance.policies), keys with dots or slashes in quotes and brackets (metadata.annotations["backstage.io/techdocs-ref"]) and list items as [0]`,
      );
    }
    if (index) segments.push(Number(index[1]));
    else if (quoted) segments.push(quoted[2]);
    else segments.push(match[1]);
    rest = rest.slice(match[0].length);
    first = false;
  }
  if (segments.length === 0) throw new TypeError('is empty');
  if (!ROOTS.includes(String(segments[0]))) {
    throw new TypeError(
      `must start at one of ${ROOTS.join(', ')}, got "${segments[0]}"`,
    );
  }
  return segments;
}

/** The value at a path; undefined when any step of it is missing. */
export function valueAtPath(
  root: unknown,
  segments: readonly PathSegment[],
): unknown {
  let node = root;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[segment];
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) {
        return undefined;
      }
      node = (node as Record<string, unknown>)[segment];
    }
  }
  return node;
}
