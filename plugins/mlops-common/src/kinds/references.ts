import {
  CompoundEntityRef,
  makeValidator,
  parseEntityRef,
} from '@backstage/catalog-model';
import { MLOPS_REFERENCE_FIELDS, ReferenceField } from './relations';
import type { MlopsEntity } from './types';

/** One entity reference read from an MLightenment entity's spec. @public */
export interface SpecReference {
  field: ReferenceField;
  /** Where the reference sits, e.g. `spec.servedBy[1]`. */
  path: string;
  /** The reference as written. */
  value: string;
  /** The parsed target, when the reference is well formed and of an allowed kind. */
  target?: CompoundEntityRef;
  /** What is wrong with the reference, when it is not. */
  problem?: string;
}

function valuesAt(spec: Record<string, unknown>, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        node && typeof node === 'object'
          ? (node as Record<string, unknown>)[key]
          : undefined,
      spec,
    );
}

// How kinds are spelt in messages; references may use any case.
const KIND_NAMES: Record<string, string> = {
  api: 'API',
  mlusecase: 'MLUseCase',
  mlmodel: 'MLModel',
  mlmonitor: 'MLMonitor',
};

function kindName(kind: string): string {
  return KIND_NAMES[kind] ?? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
}

function withArticle(kind: string): string {
  const name = kindName(kind);
  return `${/^[AEIOU]|^ML/.test(name) ? 'an' : 'a'} ${name}`;
}

// The catalog's own rules for the parts of an entity ref. parseEntityRef only
// splits the string, so without them `owner: Claims Analytics` would produce
// a relation to an entity that can never exist.
const validators = makeValidator();

function malformedPart({
  kind,
  namespace,
  name,
}: CompoundEntityRef): string | undefined {
  if (!validators.isValidKind(kind)) {
    return `"${kind}" is not a valid kind; kinds are letters and digits, starting with a letter`;
  }
  if (!validators.isValidNamespace(namespace.toLocaleLowerCase('en-US'))) {
    return `"${namespace}" is not a valid namespace; namespaces are 1 to 63 letters, digits and "-", starting and ending with a letter or digit`;
  }
  if (!validators.isValidEntityName(name)) {
    return `"${name}" is not a valid entity name; names are 1 to 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit`;
  }
  return undefined;
}

function resolve(
  field: ReferenceField,
  value: string,
  defaultNamespace: string,
): Pick<SpecReference, 'target' | 'problem'> {
  let target: CompoundEntityRef;
  try {
    target = parseEntityRef(value, {
      defaultKind: field.kinds[0],
      defaultNamespace,
    });
  } catch (error) {
    return {
      problem: `is not a valid entity reference: ${(error as Error).message}`,
    };
  }
  const malformed = malformedPart(target);
  if (malformed) {
    return { problem: `is not a valid entity reference: ${malformed}` };
  }
  const kind = target.kind.toLocaleLowerCase('en-US');
  if (!field.kinds.includes(kind)) {
    return {
      problem: `must refer to ${field.kinds
        .map(withArticle)
        .join(' or ')}, but "${value}" refers to ${withArticle(kind)}`,
    };
  }
  return { target: { ...target, kind } };
}

/**
 * Reads every entity reference in the spec of an MLightenment entity, each
 * parsed with its field's default kind and the entity's namespace. Values that
 * are not strings are left to the schema check.
 * @public
 */
export function readSpecReferences(entity: MlopsEntity): SpecReference[] {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const namespace = entity.metadata.namespace ?? 'default';
  const references: SpecReference[] = [];
  for (const field of MLOPS_REFERENCE_FIELDS[entity.kind] ?? []) {
    const raw = valuesAt(spec, field.path);
    const values = field.many && Array.isArray(raw) ? raw : [raw];
    values.forEach((value, index) => {
      if (typeof value !== 'string' || value === '') return;
      const path = `spec.${field.path}${field.many ? `[${index}]` : ''}`;
      references.push({
        field,
        path,
        value,
        ...resolve(field, value, namespace),
      });
    });
  }
  return references;
}
