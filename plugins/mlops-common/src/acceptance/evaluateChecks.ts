import type {
  CheckContext,
  CheckDefinition,
  CheckExemption,
  CheckResult,
} from './types';

function exemptionFor(
  exemptions: readonly CheckExemption[],
  checkId: string,
  entityRef: string,
  now: Date,
): CheckExemption | undefined {
  return exemptions.find(
    exemption =>
      exemption.checkId === checkId &&
      exemption.entityRef.toLowerCase() === entityRef &&
      Date.parse(exemption.expiresAt) > now.getTime(),
  );
}

/**
 * Evaluates the checks that apply to one entity's kind; the others are left
 * out of the results (the rubric says which kinds each check is for, so
 * storing "not applicable" for them would say nothing). A check that throws is
 * `error` with the message as its reason (one broken check never hides the
 * others); a check under an unexpired exemption is `exempt`, with the
 * exemption attached.
 * @public
 */
export function evaluateChecks(
  checks: readonly CheckDefinition[],
  context: CheckContext,
  options: { entityRef: string; exemptions?: readonly CheckExemption[] },
): CheckResult[] {
  const entityRef = options.entityRef.toLowerCase();
  const exemptions = options.exemptions ?? [];
  const applicable = checks.filter(check =>
    check.kinds.includes(context.entity.kind),
  );
  return applicable.map((check): CheckResult => {
    const exemption = exemptionFor(
      exemptions,
      check.id,
      entityRef,
      context.now,
    );
    if (exemption) {
      return {
        checkId: check.id,
        outcome: 'exempt',
        reason: `Exempt until ${exemption.expiresAt}: ${exemption.justification}`,
        exemption: {
          justification: exemption.justification,
          expiresAt: exemption.expiresAt,
        },
      };
    }
    try {
      return { checkId: check.id, ...check.evaluate(context) };
    } catch (error) {
      return {
        checkId: check.id,
        outcome: 'error',
        reason: `The check could not be evaluated: ${
          error instanceof Error ? error.message : String(error)
        }`,
      };
    }
  });
}
