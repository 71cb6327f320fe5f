import { InputError } from '@backstage/errors';
import type { ErrorRequestHandler, Handler } from 'express';
import { spec as pluginSpec } from '../schema/openapi.generated';

const UNKNOWN =
  /request\/body((?:\/[^\s,]*)?) must NOT have additional properties/g;

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
};

type Spec = {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, any> };
};

/** A schema with its `$ref`s followed and its `allOf` parts' properties merged. */
function resolved(spec: Spec, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let i = 0; current?.$ref && i < 20; i++) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = spec.components?.schemas?.[name];
  }
  if (!current?.allOf) return current;
  const parts = current.allOf.map(part => resolved(spec, part) ?? {});
  return {
    ...current,
    properties: Object.assign(
      {},
      current.properties,
      ...parts.map(part => part.properties),
    ),
  };
}

/**
 * The fields of the body's object at `pointer` (`/actuals/0`) that its schema
 * does not declare, with those it does, in words; undefined when the pointer
 * leads nowhere.
 */
function unknownFieldsAt(
  spec: Spec,
  schema: Schema,
  body: unknown,
  pointer: string,
): string | undefined {
  let value: any = body;
  let current = resolved(spec, schema);
  for (const segment of pointer.split('/').filter(Boolean)) {
    if (value === null || typeof value !== 'object' || !current)
      return undefined;
    const inner = Array.isArray(value)
      ? current.items
      : current.properties?.[segment];
    value = value[segment];
    current = resolved(spec, inner);
  }
  const declared = Object.keys(current?.properties ?? {});
  if (!value || typeof value !== 'object' || !declared.length) return undefined;
  const unknown = Object.keys(value).filter(key => !declared.includes(key));
  if (!unknown.length) return undefined;
  return `${unknown.length === 1 ? 'unknown field' : 'unknown fields'} ${unknown
    .map(key => JSON.stringify(key))
    .join(', ')}; its fields are ${declared.join(', ')}`;
}

/**
 * Names the unknown fields of a request body. The OpenAPI router answers a
 * body with a field its schema does not declare with "request/body/actuals/0
 * must NOT have additional properties", the path of the object but not the
 * field (the validator knows it; the router keeps only its message). This
 * error handler, registered after the routers, finds the field in the body
 * and adds it and the fields the schema declares to the message.
 */
export function createUnknownFieldNamer(spec: Spec): ErrorRequestHandler {
  const routes = Object.entries(spec.paths).map(([template, item]) => ({
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    item,
  }));
  return (error, req, _res, next) => {
    if (
      error?.name !== 'InputError' ||
      !String(error.message).includes('must NOT have additional properties')
    ) {
      next(error);
      return;
    }
    const route = routes.find(r => r.pattern.test(req.path));
    const schema =
      route?.item[req.method.toLowerCase()]?.requestBody?.content?.[
        'application/json'
      ]?.schema;
    if (!schema) {
      next(error);
      return;
    }
    next(
      new InputError(
        String(error.message).replace(UNKNOWN, (whole, pointer: string) => {
          const named = unknownFieldsAt(spec, schema, req.body, pointer);
          return named ? `${whole}: ${named}` : whole;
        }),
      ),
    );
  };
}

/**
 * {@link createUnknownFieldNamer} for the plugin's own routes, as a handler
 * to register on the plugin's router after them. Registered as it is, not
 * inside a router: Express passes an error by every router mounted as
 * middleware, whose error handlers then never see it.
 */
export function namingUnknownFields(): Handler {
  // The http router takes any Express handler; its type names request
  // handlers only, and Express tells an error handler by its four parameters.
  return createUnknownFieldNamer(pluginSpec) as unknown as Handler;
}
