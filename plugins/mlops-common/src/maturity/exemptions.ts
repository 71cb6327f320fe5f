import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CheckExemption } from '../checks/types';
import { closest } from '../kinds/closest';
import { describeValue, isObject, ProblemCollector } from './configError';
import { DEFAULT_MATURITY_CHECKS } from './defaultRubric';

const FIELDS = ['checkId', 'entityRef', 'justification', 'expiresAt'];
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

function isIsoDate(value: string): boolean {
  const match = value.match(ISO_DATE);
  if (!match || !Number.isFinite(Date.parse(value))) return false;
  // Date.parse rolls 2026-02-30 over to March; a real date survives the trip.
  const [, year, month, day] = match.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Reads exemptions from configuration (e.g. `mlops.maturity.exemptions`): a
 * list of `{ checkId, entityRef, justification, expiresAt }`. `checkId` must
 * be one of `checkIds` (the default rubric's checks unless given),
 * `entityRef` a full entity reference with its kind (the namespace defaults
 * to `default`; it is returned normalised, `kind:namespace/name`),
 * `justification` non-empty and `expiresAt` an ISO 8601 date or date-time.
 * An exemption that has expired is valid; it simply no longer applies. Throws
 * a {@link RubricConfigError} naming every offending key.
 * @public
 */
export function parseExemptions(
  raw: unknown,
  keyPrefix: string,
  checkIds: Iterable<string> = DEFAULT_MATURITY_CHECKS.map(check => check.id),
): CheckExemption[] {
  if (raw === undefined || raw === null) return [];
  const problems = new ProblemCollector();
  if (!Array.isArray(raw)) {
    problems.add(
      keyPrefix,
      `must be a list of exemptions, got ${describeValue(raw)}`,
    );
    problems.throwIfAny();
  }
  const known = [...checkIds];
  const seen = new Map<string, number>();
  const exemptions: CheckExemption[] = [];
  (raw as unknown[]).forEach((item, index) => {
    const key = `${keyPrefix}[${index}]`;
    if (!isObject(item)) {
      problems.add(
        key,
        `must be an object with ${FIELDS.join(', ')}, got ${describeValue(
          item,
        )}`,
      );
      return;
    }
    const before = problems.problems.length;
    for (const field of Object.keys(item)) {
      if (!FIELDS.includes(field)) {
        const suggestion = closest(field, FIELDS);
        problems.add(
          `${key}.${field}`,
          `is not a known field${
            suggestion
              ? `; did you mean "${suggestion}"?`
              : ` (fields: ${FIELDS.join(', ')})`
          }`,
        );
      }
    }
    const { checkId, entityRef, justification, expiresAt } = item;
    if (typeof checkId !== 'string' || !known.includes(checkId)) {
      const suggestion =
        typeof checkId === 'string' ? closest(checkId, known) : undefined;
      problems.add(
        `${key}.checkId`,
        typeof checkId === 'string'
          ? `unknown check "${checkId}"${
              suggestion ? `; did you mean "${suggestion}"?` : ''
            }`
          : `is required, the id of a check, got ${describeValue(checkId)}`,
      );
    }
    let ref: string | undefined;
    if (typeof entityRef !== 'string') {
      problems.add(
        `${key}.entityRef`,
        `is required, an entity reference such as "mlmodel:default/churn-gbm", got ${describeValue(
          entityRef,
        )}`,
      );
    } else {
      try {
        ref = stringifyEntityRef(
          parseEntityRef(entityRef, { defaultNamespace: 'default' }),
        );
      } catch (error) {
        problems.add(
          `${key}.entityRef`,
          `"${entityRef}" is not a valid entity reference with a kind: ${
            (error as Error).message
          }`,
        );
      }
    }
    if (typeof justification !== 'string' || !justification.trim()) {
      problems.add(
        `${key}.justification`,
        `must say why the check is waived, got ${describeValue(justification)}`,
      );
    }
    if (typeof expiresAt !== 'string' || !isIsoDate(expiresAt)) {
      problems.add(
        `${key}.expiresAt`,
        `must be an ISO 8601 date or date-time such as "2027-03-31", got ${describeValue(
          expiresAt,
        )}`,
      );
    }
    if (problems.problems.length > before) return;
    const identity = `${checkId}|${ref!.toLocaleLowerCase('en-US')}`;
    const first = seen.get(identity);
    if (first !== undefined) {
      problems.add(
        key,
        `exempts ${ref} from ${checkId} again; ${keyPrefix}[${first}] already does`,
      );
      return;
    }
    seen.set(identity, index);
    exemptions.push({
      checkId: checkId as string,
      entityRef: ref!,
      justification: (justification as string).trim(),
      expiresAt: expiresAt as string,
    });
  });
  problems.throwIfAny();
  return exemptions;
}
