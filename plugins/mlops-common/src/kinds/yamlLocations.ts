import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  parseAllDocuments,
} from 'yaml';

/**
 * The options the catalog reads YAML with (parseEntityYaml): YAML 1.2,
 * without merge keys.
 * @public
 */
export const CATALOG_YAML_OPTIONS = { version: '1.2', merge: false } as const;

function segments(path: string): (string | number)[] {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter(s => s !== undefined && s !== '')
    .map(s => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * The offset in a YAML document of the node a field path
 * (`spec.metrics[0].value`) points at: the key of a mapping entry, the item
 * of a sequence, or the closest existing parent for a field that is missing.
 * @public
 */
export function fieldOffset(doc: Document, path: string): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const segment of segments(path)) {
    if (typeof segment === 'number' && isSeq(node)) {
      node = node.items[segment];
      if (!node) break;
      offset = (node as Node).range?.[0] ?? offset;
    } else if (isMap(node)) {
      const pair = node.items.find(
        item => isScalar(item.key) && String(item.key.value) === segment,
      );
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else {
      break;
    }
  }
  return offset;
}

/**
 * Where an entity is in the text of a catalog file: the line its document
 * starts on and the line of each of the given fields (1-based). Undefined
 * when the file does not hold exactly one document of that entity.
 * @public
 */
export function locateEntityFields(
  text: string,
  entity: { kind: string; namespace?: string; name: string },
  fields: readonly string[],
): { line: number; fields: number[] } | undefined {
  const lines = new LineCounter();
  const lower = (s: unknown) =>
    typeof s === 'string' ? s.toLocaleLowerCase('en-US') : undefined;
  const matches = parseAllDocuments(text, {
    ...CATALOG_YAML_OPTIONS,
    lineCounter: lines,
  }).filter(
    doc =>
      lower(doc.get('kind')) === lower(entity.kind) &&
      lower(doc.getIn(['metadata', 'name'])) === lower(entity.name) &&
      (lower(doc.getIn(['metadata', 'namespace'])) ?? 'default') ===
        (lower(entity.namespace) ?? 'default'),
  );
  if (matches.length !== 1) return undefined;
  const [doc] = matches;
  const start = (doc.contents as Node | null)?.range?.[0] ?? 0;
  return {
    line: lines.linePos(start).line,
    fields: fields.map(field => lines.linePos(fieldOffset(doc, field)).line),
  };
}
