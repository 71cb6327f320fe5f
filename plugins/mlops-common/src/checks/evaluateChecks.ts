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

// The checks of a rubric that apply to each kind, computed once per rubric.
const applicableByKind = new WeakMap<
  readonly CheckDefinition[],
  Map<string, readonly CheckDefinition[]>
>();

function applicableChecks(
  checks: readonly CheckDefinition[],
  kind: string,
): readonly CheckDefinition[] {
  let byKind = applicableByKind.get(checks);
  if (!byKind) {
    byKind = new Map();
    applicableByKind.set(checks, byKind);
  }
  let applicable = byKind.get(kind);
  if (!applicable) {
    applicable = checks.filter(check =>
      (check.kinds as readonly string[]).includes(kind),
    );
    byKind.set(kind, applicable);
  }
  return applicable;
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
  const applicable = applicableChecks(checks, context.entity.kind);
  const results = new Array<CheckResult>(applicable.length);
  for (let i = 0; i < applicable.length; i++) {
    results[i] = evaluateCheck(applicable[i], context, entityRef, exemptions);
  }
  return results;
}

function evaluateCheck(
  check: CheckDefinition,
  context: CheckContext,
  entityRef: string,
  exemptions: readonly CheckExemption[],
): CheckResult {
  const exemption =
    exemptions.length > 0
      ? exemptionFor(exemptions, check.id, entityRef, context.now)
      : undefined;
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
    const { outcome, reason } = check.evaluate(context);
    return { checkId: check.id, outcome, reason };
  } catch (error) {
    return {
      checkId: check.id,
      outcome: 'error',
      reason: `The check could not be evaluated: ${
        error instanceof Error ? error.message : String(error)
      }`,
    };
  }
}
