import { MLOPS_KIND_SCHEMAS } from './validation';

type Schema = Record<string, any>;

/** Every property schema below `node`, with its dotted path. */
function* properties(node: Schema, path: string): Generator<[string, Schema]> {
  for (const [name, child] of Object.entries<Schema>(node.properties ?? {})) {
    yield [`${path}${name}`, child];
    yield* properties(child, `${path}${name}.`);
    if (child.items) yield* properties(child.items, `${path}${name}[].`);
  }
}

describe.each(Object.entries(MLOPS_KIND_SCHEMAS))(
  'the %s schema',
  (kind, schema: Schema) => {
    const [envelope, own] = schema.allOf;

    it('extends the Entity envelope, as Backstage kinds do', () => {
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema');
      expect(envelope).toEqual({ $ref: 'Entity' });
      expect(own.properties.kind.enum).toEqual([kind]);
      expect(own.properties.apiVersion.enum).toEqual([
        'mlightenment.io/v1alpha1',
      ]);
    });

    it('describes every field and gives examples of it', () => {
      const undocumented = [...properties(own, '')]
        .filter(([, field]) => !field.description || !field.examples?.length)
        .map(([path]) => path);
      expect(undocumented).toEqual([]);
    });

    it('rejects unknown fields in the spec and every object inside it', () => {
      const open = [...properties(own.properties.spec, 'spec.')]
        .flatMap(([path, field]) => [
          [path, field] as const,
          ...(field.items ? [[`${path}[]`, field.items] as const] : []),
        ])
        .filter(
          ([, field]) =>
            field.type === 'object' && field.additionalProperties !== false,
        )
        .map(([path]) => path);
      expect(own.properties.spec.additionalProperties).toBe(false);
      expect(open).toEqual([]);
    });
  },
);
