import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import express, { NextFunction, Request, Response, Router } from 'express';

/** An error the routers answer with 413. */
export class PayloadTooLargeError extends Error {
  name = 'PayloadTooLargeError';
}

/** How the JSON bodies of one feature's routes are parsed. */
export interface JsonBodyOptions {
  /** The requests: those to this path and below it, e.g. `/drift`. */
  path: string;
  /** The configuration key of the largest body, named in the 413's message. */
  limitKey: string;
  /** The largest body when the key is not set, as body-parser reads it (e.g. `5mb`). */
  defaultLimit: string;
  /** What to tell a client whose body holds NaN or Infinity, which JSON cannot carry. */
  nonFiniteHint: string;
}

/** The push routes' bodies: drift observations and KPI actuals come in batches. */
export const JSON_BODIES: readonly JsonBodyOptions[] = [
  {
    path: '/drift',
    limitKey: 'mlops.drift.ingestion.maxBodySize',
    defaultLimit: '5mb',
    nonFiniteHint:
      'no drift statistic can be either: leave such an observation out (Python: json.dumps(..., allow_nan=False) finds them)',
  },
  {
    path: '/value',
    limitKey: 'mlops.value.maxBodySize',
    defaultLimit: '10mb',
    nonFiniteHint: 'a KPI actual must be a finite number: leave it out',
  },
];

/** Body-parser's errors in the API's words: the limit named, NaN explained. */
function bodyError(error: any, options: JsonBodyOptions, limit: string) {
  if (error?.type === 'entity.too.large') {
    return new PayloadTooLargeError(
      `the request body is larger than ${options.limitKey} (${limit}); split the batch`,
    );
  }
  if (error?.type === 'entity.parse.failed') {
    const body = String(error.body ?? '');
    return new InputError(
      /\b(NaN|-?Infinity)\b/.test(body)
        ? `the body contains NaN or Infinity, which JSON cannot carry; ${options.nonFiniteHint}`
        : `the body is not valid JSON: ${error.message}`,
    );
  }
  return error;
}

/** Answers a {@link PayloadTooLargeError} with 413 and its message. */
export function payloadTooLargeHandler(
  error: Error,
  _req: Request,
  res: Response,
  next: NextFunction,
) {
  if (error instanceof PayloadTooLargeError) {
    res
      .status(413)
      .json({ error: { name: error.name, message: error.message } });
    return;
  }
  next(error);
}

/**
 * Parses the JSON bodies of the push routes with their configured limits.
 * Registered before every router of the plugin: each OpenAPI router parses
 * bodies with body-parser's default limit (100 kB, too small for a batch),
 * and a body parsed once is not parsed again. A body over its limit is
 * answered with 413 naming the configuration key.
 */
export function createJsonBodyParser(
  config: Config,
  bodies: readonly JsonBodyOptions[] = JSON_BODIES,
): Router {
  const parsers = bodies.map(options => {
    const limit =
      config.getOptionalString(options.limitKey) ?? options.defaultLimit;
    return { options, limit, json: express.json({ limit }) };
  });
  const router = express.Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    const parser = parsers.find(
      ({ options: { path } }) =>
        req.path === path || req.path.startsWith(`${path}/`),
    );
    if (!parser) {
      next();
      return;
    }
    parser.json(req, res, error =>
      next(error ? bodyError(error, parser.options, parser.limit) : undefined),
    );
  });
  router.use(payloadTooLargeHandler);
  return router;
}
